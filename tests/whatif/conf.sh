#!/bin/bash
# --nova-conf/--cinder-conf/--glance-conf/--placement-conf: real oslo.config ini files; modelled
# options applied (file beats scenario, --set beats both), the rest listed as present, not modelled.
. "$(dirname "$0")/lib.sh"
S=tests/whatif/conf-base.yaml
C=tests/whatif/conf
# Precedence, seen in what nova-api accepts: scenario [quota] instances=1 -> 2 of 3 boots REJECTED (403)
rc 0 "$BFVSIM" run $S --quiet --out "$WORK/scenario"
has "$WORK/scenario/report.json" '"REJECTED":2'
has "$WORK/scenario/report.json" '"overrides": []'
# nova.conf [quota] instances = 2 -> 1 REJECTED
rc 0 "$BFVSIM" run $S --quiet --out "$WORK/file" --nova-conf $C/nova.conf --cinder-conf $C/cinder.conf \
  --glance-conf $C/glance-api.conf --placement-conf $C/placement.conf
has "$WORK/file/report.json" '"REJECTED":1'
# --set beats the file -> 0 REJECTED
rc 0 "$BFVSIM" run $S --quiet --out "$WORK/set" --nova-conf $C/nova.conf --set config.nova.quota.instances=3
has "$WORK/set/report.json" '"ACTIVE":3,"ERROR":0,"DELETED":0,"REJECTED":0'
R="$WORK/file/report.json"
has "$R" '{"path":"config.nova.DEFAULT.max_concurrent_builds","value":"3","source":"tests/whatif/conf/nova.conf:5"}'
has "$R" '{"path":"config.nova.quota.instances","value":"2","source":"tests/whatif/conf/nova.conf:11"}'
# continuation lines join the list (oslo_config/iniparser.py); ListOpt splits on commas
has "$R" '"path":"config.nova.filter_scheduler.enabled_filters","value":"ComputeFilter,\nAvailabilityZoneFilter,\nComputeCapabilitiesFilter, ImagePropertiesFilter"'
# cinder: backend section named by enabled_backends -> topology.cinder_backends[lvm-1]
has "$R" '{"path":"topology.cinder_backends[lvm-1].driver","value":"cinder.volume.drivers.lvm.LVMVolumeDriver","source":"tests/whatif/conf/cinder.conf:13"}'
has "$R" '{"path":"topology.cinder_backends[lvm-1].image_volume_cache_enabled","value":"True","source":"tests/whatif/conf/cinder.conf:18"}'
has "$R" '{"path":"config.cinder.DEFAULT.volume_clear","value":"none","source":"tests/whatif/conf/cinder.conf:10"}'
has "$R" '{"path":"config.glance.DEFAULT.user_storage_quota","value":"10GB","source":"tests/whatif/conf/glance-api.conf:3"}'
has "$R" '{"path":"config.placement.placement.randomize_allocation_candidates","value":"true","source":"tests/whatif/conf/placement.conf:2"}'
# present, not modelled: every other option, multi-valued ones with all their values
has "$R" '{"file":"tests/whatif/conf/nova.conf","line":3,"section":"DEFAULT","option":"transport_url","values":["rabbit://nova:secret@controller:5672/"],"status":"present, not modelled","note":""}'
has "$R" '"section":"pci","option":"device_spec","values":["{\"vendor_id\": \"8086\", \"product_id\": \"154d\"}","{\"vendor_id\": \"10de\"}"]'
has "$R" '"option":"my_ip","values":["10.0.0.11"]'
has "$R" '"line":7,"section":"DEFAULT","option":"image_volume_cache_enabled","values":["true"],"status":"present, not modelled","note":"not read by cinder-volume when enabled_backends is set'
has "$R" '"section":"lvm-1","option":"volume_group","values":["cinder-volumes"]'
has "$R" '"section":"lvm-spare","option":"volume_group"'
has "$R" '"section":"glance_store","option":"stores","values":["file,http"]'
has "$R" '"section":"placement_database","option":"connection"'
lacks "$R" '"option":"max_concurrent_builds","values"'
# check lists the same
rc 0 "$BFVSIM" check $S --nova-conf $C/nova.conf
has "$WORK/out.txt" "config.nova.quota.instances = 2    (tests/whatif/conf/nova.conf:11)"
has "$WORK/out.txt" "tests/whatif/conf/nova.conf:19 [libvirt] virt_type"
has "$WORK/out.txt" "[pci] device_spec (2 values)"
# wrong type: exit 2 naming file:line
rc 2 "$BFVSIM" check $S --nova-conf $C/bad-type-nova.conf
has "$WORK/out.txt" "tests/whatif/conf/bad-type-nova.conf:5: [DEFAULT] max_concurrent_builds = 'twenty': expected an integer"
rc 2 "$BFVSIM" run $S --cinder-conf $C/bad-backend-cinder.conf
has "$WORK/out.txt" "bad-backend-cinder.conf:2: [DEFAULT] enabled_backends names 'ceph-ssd', but the scenario's topology.cinder_backends has no backend"
printf '[DEFAULT]\n  indented = 1\n' > "$WORK/cont.conf"
rc 2 "$BFVSIM" check $S --nova-conf "$WORK/cont.conf"
has "$WORK/out.txt" "cont.conf:2: unexpected continuation line"
printf 'max_concurrent_builds = 2\n' > "$WORK/nosection.conf"
rc 2 "$BFVSIM" check $S --nova-conf "$WORK/nosection.conf"
has "$WORK/out.txt" "nosection.conf:1: no section header before this option"
printf '[DEFAULT]\nvif_plugging_is_fatal = maybe\n' > "$WORK/bool.conf"
rc 2 "$BFVSIM" check $S --nova-conf "$WORK/bool.conf"
has "$WORK/out.txt" "bool.conf:2: [DEFAULT] vif_plugging_is_fatal = 'maybe': expected a boolean"
rc 2 "$BFVSIM" check $S --nova-conf "$WORK/missing.conf"
has "$WORK/out.txt" "cannot open --nova-conf file"
echo ok
