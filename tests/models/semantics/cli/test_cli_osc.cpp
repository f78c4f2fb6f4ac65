// `openstack server create` (python-openstackclient openstackclient/compute/v2/server.py::CreateServer,
// osc-lib parseractions.py::MultiKeyValueAction, openstacksdk compute/v2/server.py::Server).
#include "models/semantics/cli_osc.hpp"
#include "tests/models/semantics/cli/cli_fixtures.hpp"

using namespace cli_test;

static const std::string OSC_VALID_BDM_KEYS =
    "uuid, source_type, destination_type, disk_bus, device_type, device_name, volume_size, guest_format, "
    "boot_index, delete_on_termination, tag, volume_type";

TEST_CASE("seed002 image-backed: CreateServer.take_action -> imageRef+flavorRef+networks and an image->local root") {
  auto r = ok("openstack server create --image " + IMG + " --flavor m1.small --network " + NET + " my-instance");
  const auto s = r.body.at("server");
  CHECK(r.client == "openstack");
  CHECK(s.at("name") == "my-instance");
  CHECK(s.at("imageRef") == IMG);
  CHECK(s.at("flavorRef") == "m1.small");  // no cloud: names are ids
  CHECK(s.at("networks") == json::parse(R"([{"uuid":")" + NET + R"("}])"));
  CHECK(s.at("min_count") == 1);
  CHECK(s.at("max_count") == 1);
  // OSC always sends the image as a BDM (take_action: `elif image:` branch).
  CHECK(bdms(r) ==
        json::parse(
            R"([{"uuid":")" + IMG +
            R"(","boot_index":0,"source_type":"image","destination_type":"local","delete_on_termination":true}])"));
  CHECK(r.microversion == "2.96");  // min(openstacksdk Server._max_microversion 2.100, nova max 2.96)
}

TEST_CASE("seed002 BFV with novaclient short keys: BDMAction.validate_keys rejects them (argparse, exit 2) + hint") {
  const std::string cmd = "openstack server create --flavor m1.small --block-device source=image,id=" + IMG +
                          ",dest=volume,size=20,shutdown=remove,bootindex=0 --network " + NET + " my-instance";
  auto r = bad(cmd, 2,
               "openstack server create: error: argument --block-device: Invalid keys source, id, dest, size, "
               "shutdown, bootindex specified.\nValid keys are: " +
                   OSC_VALID_BDM_KEYS);
  // Keys keep the user's order, translated one by one (shutdown=remove -> delete_on_termination=true).
  CHECK(r.hint.find("openstack server create --flavor m1.small --block-device source_type=image,uuid=" + IMG +
                    ",destination_type=volume,volume_size=20,delete_on_termination=true,boot_index=0 --network " + NET +
                    " my-instance") != std::string::npos);
  CHECK(r.hint.find("nova boot --flavor m1.small --block-device source=image,id=" + IMG +
                    ",dest=volume,size=20,shutdown=remove,bootindex=0 --nic net-id=" + NET + " my-instance") !=
        std::string::npos);
}

TEST_CASE("seed002 BFV with long keys: CreateServer.take_action block_devices loop -> exact BDM dict") {
  auto r = ok("openstack server create --flavor m1.small --block-device uuid=" + IMG +
              ",source_type=image,destination_type=volume,volume_size=20,delete_on_termination=true,boot_index=0 "
              "--network " +
              NET + " my-instance");
  const auto s = r.body.at("server");
  CHECK(s.at("imageRef") == "");
  // volume_size stays the string "20"; boot_index becomes int; delete_on_termination bool.
  CHECK(bdms(r) == json::parse(R"([{"uuid":")" + IMG + R"(","source_type":"image","destination_type":"volume",
      "volume_size":"20","delete_on_termination":true,"boot_index":0}])"));
}

TEST_CASE("seed002 hint form parses: the hint's long-key command is accepted by the OSC parser") {
  auto r = bfv::sem::parse_cli("openstack server create --flavor m1.small --block-device source=image,id=" + IMG +
                                   ",dest=volume,size=20,bootindex=0 my-instance",
                               nullptr);
  const auto pos = r.hint.find("\n  openstack") + 3;
  const auto line = r.hint.substr(pos, r.hint.find('\n', pos) - pos);
  auto fixed = ok(line);
  CHECK(bdms(fixed)[0].at("source_type") == "image");
  CHECK(bdms(fixed)[0].at("volume_size") == "20");
}

TEST_CASE("seed002 extended example: --security-group/--key-name/--availability-zone reach the body") {
  auto r =
      ok("openstack server create --image " + IMG + " --flavor m1.small --network " + NET +
         " --security-group default --key-name my-key --availability-zone nova --user-data user-data.txt my-instance");
  const auto s = r.body.at("server");
  CHECK(s.at("key_name") == "my-key");
  CHECK(s.at("availability_zone") == "nova");
  CHECK(s.at("security_groups") == json::parse(R"([{"name":"default"}])"));
  CHECK_FALSE(s.contains("user_data"));  // bfvsim does not read files (docs/cli.md)
}

TEST_CASE("BDMAction: block_devices defaults -- source blank, dest local, delete_on_termination true for local") {
  auto r = ok("openstack server create --image img --flavor f --block-device volume_size=5 s");
  CHECK(bdms(r)[1] ==
        json::parse(
            R"({"volume_size":"5","source_type":"blank","destination_type":"local","delete_on_termination":true})"));
}

TEST_CASE("BDMAction: volume->volume without delete_on_termination omits the key (Nova default false)") {
  auto r = ok("openstack server create --flavor f --block-device uuid=v1,source_type=volume,boot_index=0 s");
  CHECK(bdms(r) == json::parse(R"([{"uuid":"v1","source_type":"volume","destination_type":"volume","boot_index":0}])"));
}

TEST_CASE("BDMAction: delete_on_termination accepts bool_from_str strict values (yes/0/On)") {
  auto r =
      ok("openstack server create --flavor f --block-device uuid=v1,source_type=volume,boot_index=0,"
         "delete_on_termination=yes --block-device source_type=blank,destination_type=volume,volume_size=1,"
         "delete_on_termination=0 --block-device volume_size=1,delete_on_termination=On s");
  CHECK(bdms(r)[0].at("delete_on_termination") == true);
  CHECK(bdms(r)[1].at("delete_on_termination") == false);
  CHECK(bdms(r)[2].at("delete_on_termination") == true);
}

TEST_CASE("BDMAction: delete_on_termination=remove is not boolean-like (CommandError, exit 1)") {
  bad("openstack server create --flavor f --block-device "
      "uuid=v,source_type=volume,boot_index=0,delete_on_termination=remove s",
      1, "The delete_on_termination key of --block-device should be a boolean-like value");
}

TEST_CASE("BDMAction: boot_index must be an integer") {
  bad("openstack server create --flavor f --block-device uuid=v,source_type=volume,boot_index=first s", 1,
      "The boot_index key of --block-device should be an integer");
}

TEST_CASE("BDMAction: source_type outside volume/image/snapshot/blank") {
  bad("openstack server create --flavor f --block-device uuid=v,source_type=disk,boot_index=0 s", 1,
      "The source_type key of --block-device should be one of: volume, image, snapshot, blank");
}

TEST_CASE("BDMAction: destination_type outside local/volume") {
  bad("openstack server create --flavor f --block-device uuid=v,source_type=volume,destination_type=ssd,boot_index=0 s",
      1, "The destination_type key of --block-device should be one of: local, volume");
}

TEST_CASE("MultiKeyValueAction: a piece without '=' (argparse error)") {
  bad("openstack server create --flavor f --block-device uuid=v,boot_index s", 2,
      "openstack server create: error: argument --block-device: Expected comma separated 'key=value' pairs, but got: "
      "boot_index");
}

TEST_CASE("MultiKeyValueAction: empty key") {
  bad("openstack server create --flavor f --block-device =v s", 2,
      "openstack server create: error: argument --block-device: Each property key must be specified: =v");
}

TEST_CASE("CreateServer: tag key needs 2.42 (supports_microversion with a pinned version)") {
  bad("openstack --os-compute-api-version 2.41 server create --flavor f --block-device uuid=v,source_type=volume,"
      "boot_index=0,tag=root s",
      1, "--os-compute-api-version 2.42 or greater is required to support the tag key of --block-device");
}

TEST_CASE("CreateServer: volume_type key needs 2.67; accepted by default negotiation") {
  const std::string tail =
      " server create --flavor f --block-device source_type=blank,destination_type=volume,"
      "volume_size=1,volume_type=ssd --image i s";
  bad("openstack --os-compute-api-version 2.66" + tail, 1,
      "--os-compute-api-version 2.67 or greater is required to support the volume_type key of --block-device");
  auto r = ok("openstack" + tail);
  CHECK(bdms(r)[1].at("volume_type") == "ssd");
  // Against an old nova-api (max 2.60) the negotiated version is too low as well.
  bad("openstack" + tail, 1,
      "--os-compute-api-version 2.67 or greater is required to support the volume_type key of --block-device", nullptr,
      "2.60");
}

TEST_CASE("CreateServer: --os-compute-api-version is sent as is; networks [] below 2.37, 'auto' at/after") {
  auto r = ok("openstack --os-compute-api-version 2.1 server create --image i --flavor f s");
  CHECK(r.microversion == "2.1");
  CHECK(r.body.at("server").at("networks") == json::array());
  auto d = ok("openstack server create --image i --flavor f s");
  CHECK(d.body.at("server").at("networks") == "auto");
  auto old = ok("openstack server create --image i --flavor f s", nullptr, "2.60");
  CHECK(old.microversion == "2.60");
}

TEST_CASE("BDMLegacyAction: dev=id:type:size:delete -> v2 dict with raw strings, no boot_index") {
  auto r = ok("openstack server create --image i --flavor f --block-device-mapping vdb=vol1:volume:10:true s");
  CHECK(bdms(r)[1] == json::parse(R"({"device_name":"vdb","uuid":"vol1","source_type":"volume",
      "destination_type":"volume","volume_size":"10","delete_on_termination":"true"})"));
}

TEST_CASE("BDMLegacyAction: id only defaults to a volume") {
  auto r = ok("openstack server create --image i --flavor f --block-device-mapping vdb=vol1 s");
  CHECK(bdms(r)[1] ==
        json::parse(R"({"device_name":"vdb","uuid":"vol1","source_type":"volume","destination_type":"volume"})"));
}

TEST_CASE("BDMLegacyAction: malformed forms are argparse errors") {
  const std::string form = "; argument must be of form 'dev-name=id[:type[:size[:delete-on-terminate]]]'";
  bad("openstack server create --image i --flavor f --block-device-mapping vdb s", 2,
      "openstack server create: error: argument --block-device-mapping: Invalid argument vdb" + form);
  bad("openstack server create --image i --flavor f --block-device-mapping =v s", 2,
      "openstack server create: error: argument --block-device-mapping: Invalid argument =v" + form);
  bad("openstack server create --image i --flavor f --block-device-mapping vdb=a:volume:1:true:x s", 2,
      "openstack server create: error: argument --block-device-mapping: Invalid argument vdb=a:volume:1:true:x" + form);
  bad("openstack server create --image i --flavor f --block-device-mapping vdb=a:disk s", 2,
      "openstack server create: error: argument --block-device-mapping: Invalid argument vdb=a:disk; 'type' must be "
      "one "
      "of: volume, snapshot, image");
}

TEST_CASE("CreateServer: --block-device-mapping alone has no boot_index 0 -> CommandError") {
  bad("openstack server create --flavor f --block-device-mapping vda=vol1 s", 1,
      "An image (--image, --image-property) or bootable volume (--volume, --snapshot, --block-device) is required");
}

TEST_CASE("CreateServer: --volume root has no delete_on_termination key; --snapshot root false") {
  auto v = ok("openstack server create --volume vol1 --flavor f s");
  CHECK(bdms(v) ==
        json::parse(R"([{"uuid":"vol1","boot_index":0,"source_type":"volume","destination_type":"volume"}])"));
  CHECK(v.body.at("server").at("imageRef") == "");
  auto s = ok("openstack server create --snapshot sn1 --flavor f s");
  CHECK(bdms(s)[0].at("delete_on_termination") == false);
  CHECK(bdms(s)[0].at("source_type") == "snapshot");
}

TEST_CASE("CreateServer: --boot-from-volume N -> image->volume, int size, delete false, no imageRef") {
  auto r = ok("openstack server create --image " + IMG + " --boot-from-volume 20 --flavor f s");
  CHECK(r.body.at("server").at("imageRef") == "");
  CHECK(bdms(r) == json::parse(R"([{"uuid":")" + IMG + R"(","boot_index":0,"source_type":"image",
      "destination_type":"volume","volume_size":20,"delete_on_termination":false}])"));
  auto d = ok("openstack server create --image " + IMG + " --boot-from-volume 20 --delete-on-termination --flavor f s");
  CHECK(bdms(d)[0].at("delete_on_termination") == true);
}

TEST_CASE("CreateServer: --boot-from-volume conflicts and requirements") {
  bad("openstack server create --volume v --boot-from-volume 1 --flavor f s", 1,
      "--volume is not allowed with --boot-from-volume");
  bad("openstack server create --snapshot v --boot-from-volume 1 --flavor f s", 1,
      "--snapshot is not allowed with --boot-from-volume");
  bad("openstack server create --boot-from-volume 1 --flavor f s", 1,
      "An image (--image or --image-property) is required to support --boot-from-volume option");
  bad("openstack server create --image i --delete-on-termination --flavor f s", 1,
      "--delete-on-termination can only be used with --boot-from-volume");
  bad("openstack server create --image i --boot-from-volume big --flavor f s", 2,
      "openstack server create: error: argument --boot-from-volume: invalid int value: 'big'");
}

TEST_CASE("CreateServer: --swap (int MiB) and --ephemeral (string size) entries follow the root") {
  auto r = ok("openstack server create --image i --flavor f --swap 512 --ephemeral size=2,format=ext4 s");
  CHECK(bdms(r)[1] == json::parse(R"({"boot_index":-1,"source_type":"blank","destination_type":"local",
      "guest_format":"swap","volume_size":512,"delete_on_termination":true})"));
  CHECK(bdms(r)[2] == json::parse(R"({"boot_index":-1,"source_type":"blank","destination_type":"local",
      "delete_on_termination":true,"volume_size":"2","guest_format":"ext4"})"));
}

TEST_CASE("MultiKeyValueAction: --ephemeral requires size and only size/format") {
  bad("openstack server create --image i --flavor f --ephemeral format=ext4 s", 2,
      "openstack server create: error: argument --ephemeral: Missing required keys size.\nRequired keys are: size");
  bad("openstack server create --image i --flavor f --ephemeral size=1,fs=ext4 s", 2,
      "openstack server create: error: argument --ephemeral: Invalid keys fs specified.\nValid keys are: size, format");
}

TEST_CASE("CreateServer: argparse mutually exclusive disk group") {
  bad("openstack server create --image i --volume v --flavor f s", 2,
      "openstack server create: error: argument --volume: not allowed with argument --image");
}

TEST_CASE("CreateServer: required arguments and unrecognized ones (argparse)") {
  bad("openstack server create --image i", 2,
      "openstack server create: error: the following arguments are required: <server-name>, --flavor");
  bad("openstack server create --image i s", 2,
      "openstack server create: error: the following arguments are required: --flavor");
  bad("openstack server create --image i --flavor f --boot-volume v s", 2,
      "openstack server create: error: unrecognized arguments: --boot-volume s");  // "v" fills <server-name>
  bad("openstack server create --image i --flavor", 2,
      "openstack server create: error: argument --flavor: expected one argument");
}

TEST_CASE("CreateServer: min/max checks") {
  bad("openstack server create --image i --flavor f --min 3 --max 2 s", 1, "min instances should be <= max instances");
  bad("openstack server create --image i --flavor f --min 0 s", 1, "min instances should be > 0");
  bad("openstack server create --image i --flavor f --min -2 --max -1 s", 1, "min instances should be > 0");
  auto r = ok("openstack server create --image i --flavor f --min 2 --max 5 s");
  CHECK(r.body.at("server").at("min_count") == 2);
  CHECK(r.body.at("server").at("max_count") == 5);
}

TEST_CASE("NICAction: --network with ',' or '=' and --nic form errors") {
  bad("openstack server create --image i --flavor f --network a,b s", 2,
      "openstack server create: error: argument --network: Invalid argument a,b; characters ',' and '=' are not "
      "allowed");
  bad("openstack server create --image i --flavor f --nic net-id=a,port-id=b s", 2,
      "openstack server create: error: argument --nic: Invalid argument net-id=a,port-id=b; either 'network' or 'port' "
      "should be specified but not both");
  bad("openstack server create --image i --flavor f --nic foo=1 s", 2,
      "openstack server create: error: argument --nic: Invalid argument foo=1; argument must be of form "
      "'net-id=net-uuid,port-id=port-uuid,v4-fixed-ip=ip-addr,v6-fixed-ip=ip-addr,tag=tag'");
}

TEST_CASE("CreateServer: --nic none / auto need 2.37 and stand alone") {
  auto r = ok("openstack server create --image i --flavor f --nic none s");
  CHECK(r.body.at("server").at("networks") == "none");
  bad("openstack server create --image i --flavor f --nic none --network n s", 1,
      "Specifying a --nic of auto or none cannot be used with any other --nic, --network or --port value.");
  bad("openstack --os-compute-api-version 2.36 server create --image i --flavor f --no-network s", 1,
      "--os-compute-api-version 2.37 or greater is required to support explicit auto-allocation of a network or to "
      "disable network allocation");
}

TEST_CASE("CreateServer with a cloud: names resolved by openstacksdk find_* or 'No <Resource> found for'") {
  const auto cloud = small_cloud();
  auto r = ok("openstack server create --image cirros --flavor m1.small --network " + NET + " s", &cloud);
  CHECK(r.body.at("server").at("imageRef") == IMG);
  CHECK(r.body.at("server").at("flavorRef") == "2");
  bad("openstack server create --image nope --flavor m1.small s", 1, "No Image found for nope", &cloud);
  bad("openstack server create --image cirros --flavor m9 s", 1, "No Flavor found for m9", &cloud);
  bad("openstack server create --volume nope --flavor m1.small s", 1, "No Volume found for nope", &cloud);
  bad("openstack server create --snapshot nope --flavor m1.small s", 1, "No Snapshot found for nope", &cloud);
  auto v = ok("openstack server create --volume data --flavor m1.small s", &cloud);
  CHECK(bdms(v)[0].at("uuid") == "vol-0001");
}

TEST_CASE("allow_abbrev: unique prefixes work, ambiguous ones are argparse errors") {
  auto r = ok("openstack server create --image i --flav f --avail az1 s");
  CHECK(r.body.at("server").at("flavorRef") == "f");
  CHECK(r.body.at("server").at("availability_zone") == "az1");
  bad("openstack server create --ima i --flavor f s", 2,
      "openstack server create: error: ambiguous option: --ima could match --image, --image-property");
  bad("openstack server create --image i --flavor f --block x s", 2,
      "openstack server create: error: ambiguous option: --block could match --block-device-mapping, --block-device");
}

TEST_CASE("shell quoting: single/double quotes and backslashes as POSIX sh") {
  auto r = ok("openstack server create --image i --flavor f --property 'k=a b' --property \"x=\\\"q\\\"\" my\\ vm");
  CHECK(r.body.at("server").at("name") == "my vm");
  CHECK(r.body.at("server").at("metadata") == json::parse(R"({"k":"a b","x":"\"q\""})"));
  auto u = bfv::sem::parse_cli("openstack server create --image 'i --flavor f s", nullptr);
  CHECK_FALSE(u.ok);
  CHECK(u.exit_code == 2);
  CHECK(u.error == "bfvsim: cannot split the command line: unterminated single quote");
}

TEST_CASE("CreateServer: --wait is recorded, --tag needs 2.52, --hint goes top level") {
  auto r = ok("openstack server create --image i --flavor f --wait --hint group=g1 --tag a s");
  CHECK(r.wait);
  CHECK(r.body.at("OS-SCH-HNT:scheduler_hints") == json::parse(R"({"group":"g1"})"));
  CHECK(r.body.at("server").at("tags") == json::parse(R"(["a"])"));
  bad("openstack --os-compute-api-version=2.51 server create --image i --flavor f --tag a s", 1,
      "--os-compute-api-version 2.52 or greater is required to support the --tag option");
}

// ---- the pieces of models/semantics/cli_osc.hpp, one test per upstream function or take_action section ----

namespace {
using namespace bfv::sem::cli_detail;
using namespace bfv::sem::cli_detail::osc;

OscServerCreateArgs osc_args(const std::vector<std::string>& words) {
  OscServerCreateArgs a;
  auto e = parse_args(osc_server_create_parser(), words, "2.96", &a);
  INFO("argparse: " << (e ? e->message : std::string()));
  REQUIRE_FALSE(e);
  return a;
}

Versions versions(const std::string& server_max, std::optional<std::string> pinned = std::nullopt) {
  Versions v;
  v.server_max = server_max, v.explicit_version = pinned, v.negotiated = pinned ? *pinned : server_max;
  return v;
}
}  // namespace

TEST_CASE("CreateServer.get_parser: the option table fills OscServerCreateArgs (append, store_const, actions)") {
  auto a = osc_args({"--flavor",
                     "f",
                     "--image",
                     "i",
                     "--boot-from-volume",
                     "5",
                     "--delete-on-termination",
                     "--security-group",
                     "a",
                     "--security-group",
                     "b",
                     "--no-config-drive",
                     "--network",
                     "n",
                     "--auto-network",
                     "--property",
                     "k=v",
                     "--tag",
                     "t",
                     "-f",
                     "json",
                     "--wait",
                     "vm"});
  CHECK(a.server_name == "vm");
  CHECK(a.boot_from_volume == 5);
  CHECK(a.delete_on_termination);
  CHECK(a.security_groups == std::vector<std::string>{"a", "b"});
  CHECK(a.config_drive == false);
  REQUIRE(a.nics.size() == 2);
  CHECK(a.nics[0].net_id == "n");
  CHECK(a.nics[1].special == "auto");
  CHECK(a.properties == std::vector<std::pair<std::string, std::string>>{{"k", "v"}});
  CHECK(a.tags == std::vector<std::string>{"t"});
  CHECK(a.wait);
  CHECK(osc_args({"--flavor", "f", "--no-security-group", "vm"}).security_groups == std::vector<std::string>{});
  CHECK_FALSE(osc_args({"--flavor", "f", "vm"}).security_groups);  // None: the key is not sent
}

TEST_CASE("osc_lib parseractions.py::MultiKeyValueAction: pairs, invalid keys, then missing required keys") {
  std::vector<std::pair<std::string, std::string>> kv;
  CHECK_FALSE(multi_key_value("size=1,format=ext4,size=2", {"size"}, {"size", "format"}, &kv));
  CHECK(kv == std::vector<std::pair<std::string, std::string>>{{"size", "2"}, {"format", "ext4"}});
  std::vector<std::pair<std::string, std::string>> kv2;
  CHECK(*multi_key_value("bad=1,format=x", {"size"}, {"size", "format"}, &kv2) ==
        "Invalid keys bad specified.\nValid keys are: size, format");
  std::vector<std::pair<std::string, std::string>> kv3;
  CHECK(*multi_key_value("format=x", {"size"}, {"size", "format"}, &kv3) ==
        "Missing required keys size.\nRequired keys are: size");
}

TEST_CASE("server.py::BDMAction.__call__: BDM v2 field names only, values kept as strings") {
  std::vector<nlohmann::json> out;
  CHECK_FALSE(bdm_action("uuid=v,source_type=volume,boot_index=0", &out));
  CHECK(out.at(0) == json::parse(R"({"uuid":"v","source_type":"volume","boot_index":"0"})"));
  CHECK(*bdm_action("id=v", &out) == "Invalid keys id specified.\nValid keys are: " + OSC_VALID_BDM_KEYS);
}

TEST_CASE("server.py::BDMLegacyAction.__call__: dev-name=id[:type[:size[:delete-on-terminate]]] -> a v2 dict") {
  std::vector<nlohmann::json> out;
  CHECK_FALSE(bdm_legacy_action("vdb=s:snapshot:3:yes", &out));
  CHECK(out.at(0) == json::parse(R"({"device_name":"vdb","uuid":"s","source_type":"snapshot",
      "destination_type":"volume","volume_size":"3","delete_on_termination":"yes"})"));
  CHECK(*bdm_legacy_action("vdb=s:disk", &out) ==
        "Invalid argument vdb=s:disk; 'type' must be one of: volume, snapshot, image");
}

TEST_CASE("server.py::NICAction.__call__: --network/--port values, --nic keys, auto/none") {
  std::vector<Nic> nics;
  CHECK_FALSE(nic_action("net-id", "n1", &nics));
  CHECK_FALSE(nic_action("", "port-id=p,v6-fixed-ip=::1,tag=t", &nics));
  CHECK_FALSE(nic_action("", "none", &nics));
  REQUIRE(nics.size() == 3);
  CHECK(nics[0].net_id == "n1");
  CHECK(nics[1].port_id == "p");
  CHECK(nics[1].v6 == "::1");
  CHECK(nics[1].tag == "t");
  CHECK(nics[2].special == "none");
  CHECK(*nic_action("port-id", "a,b", &nics) == "Invalid argument a,b; characters ',' and '=' are not allowed");
  CHECK(*nic_action("", "net-id=a,port-id=b", &nics) ==
        "Invalid argument net-id=a,port-id=b; either 'network' or 'port' should be specified but not both");
}

TEST_CASE("osc_lib parseractions.py::KeyValueAction: key=value, a key is required") {
  std::vector<std::pair<std::string, std::string>> kv;
  CHECK_FALSE(key_value_action("k=a=b", &kv));
  CHECK(kv.at(0) == std::pair<std::string, std::string>{"k", "a=b"});
  CHECK(*key_value_action("k", &kv) == "Expected 'key=value' type, but got: k");
  CHECK(*key_value_action("=v", &kv) == "Property key must be specified: =v");
}

TEST_CASE("envvars.py::bool_from_str(strict=True): the yes/no words in any case and blanks, nothing else") {
  CHECK(bool_from_str(" On ") == true);
  CHECK(bool_from_str("T") == true);
  CHECK(bool_from_str("no") == false);
  CHECK(bool_from_str("0") == false);
  CHECK_FALSE(bool_from_str("remove"));
  CHECK_FALSE(bool_from_str(""));
}

TEST_CASE("CreateServer.take_action _match_image: image properties, or the name and disk_format attributes") {
  auto cloud = small_cloud();
  cloud.images[0].properties = {{"os", "linux"}};
  std::string id;
  CHECK_FALSE(match_image(&cloud, "os=linux", &id));
  CHECK(id == IMG);
  id.clear();
  CHECK_FALSE(match_image(&cloud, "name=cirros", &id));
  CHECK(id == IMG);
  CHECK_FALSE(match_image(&cloud, "disk_format=qcow2", &id));
  CHECK(match_image(&cloud, "os=bsd", &id)->msg == "No images match the property expected by --image-property");
}

TEST_CASE("CreateServer.take_action image/volume/snapshot lookup: find_boot_source in upstream order") {
  const auto cloud = small_cloud();
  BootSource src;
  CHECK_FALSE(find_boot_source(osc_args({"--flavor", "f", "--volume", "data", "vm"}), &cloud, &src));
  CHECK(src.volume == "vol-0001");
  CHECK_FALSE(src.have_image);
  BootSource s2;
  CHECK(find_boot_source(osc_args({"--flavor", "f", "--volume", "nope", "--boot-from-volume", "1", "vm"}), &cloud, &s2)
            ->msg == "--volume is not allowed with --boot-from-volume");  // before the lookup
  BootSource s3;
  CHECK(find_boot_source(osc_args({"--flavor", "f", "--image", "nope", "--delete-on-termination", "vm"}), &cloud, &s3)
            ->msg == "No Image found for nope");  // the image first
  BootSource s4;
  CHECK(find_boot_source(osc_args({"--flavor", "f", "--snapshot", "x", "--delete-on-termination", "vm"}), &cloud, &s4)
            ->msg == "--delete-on-termination can only be used with --boot-from-volume");  // before --snapshot
}

TEST_CASE("CreateServer.take_action --boot-from-volume: root_block_device picks one root and drops imageRef") {
  BootSource src;
  src.have_image = true, src.image = "img";
  std::vector<nlohmann::json> bdms;
  bool send_image = true;
  CHECK_FALSE(root_block_device(osc_args({"--flavor", "f", "--image", "img", "--boot-from-volume", "7", "vm"}), src,
                                &bdms, &send_image));
  CHECK_FALSE(send_image);
  CHECK(bdms.at(0) == json::parse(R"({"uuid":"img","boot_index":0,"source_type":"image","destination_type":"volume",
      "volume_size":7,"delete_on_termination":false})"));
  std::vector<nlohmann::json> none;
  CHECK(
      root_block_device(osc_args({"--flavor", "f", "--boot-from-volume", "7", "vm"}), BootSource{}, &none, &send_image)
          ->msg == "An image (--image or --image-property) is required to support --boot-from-volume option");
}

TEST_CASE("CreateServer.take_action swap and ephemerals, then --block-device-mapping names resolved by type") {
  const auto cloud = small_cloud();
  auto a = osc_args({"--flavor", "f", "--swap", "128", "--ephemeral", "size=2,format=ext4", "--block-device-mapping",
                     "vdb=data", "--block-device-mapping", "vdc=cirros:image", "vm"});
  std::vector<nlohmann::json> bdms;
  swap_and_ephemerals(a, &bdms);
  REQUIRE_FALSE(resolve_block_device_mapping(a, &cloud, &bdms));
  REQUIRE(bdms.size() == 4);
  CHECK(bdms[0].at("volume_size") == 128);
  CHECK(bdms[1].at("volume_size") == "2");
  CHECK(bdms[1].at("guest_format") == "ext4");
  CHECK(bdms[2].at("uuid") == "vol-0001");
  CHECK(bdms[3].at("uuid") == IMG);
  std::vector<nlohmann::json> miss;
  CHECK(resolve_block_device_mapping(osc_args({"--flavor", "f", "--block-device-mapping", "vdb=s:snapshot", "vm"}),
                                     &cloud, &miss)
            ->msg == "No Snapshot found for s");
}

TEST_CASE("CreateServer.take_action block_devices loop: prepare_block_devices converts and gates by microversion") {
  auto a =
      osc_args({"--flavor", "f", "--block-device", "uuid=v,source_type=volume,boot_index=0,delete_on_termination=yes",
                "--block-device", "volume_size=1", "vm"});
  std::vector<nlohmann::json> bdms;
  REQUIRE_FALSE(prepare_block_devices(a, versions("2.96"), &bdms));
  CHECK(bdms[0] == json::parse(R"({"uuid":"v","source_type":"volume","destination_type":"volume","boot_index":0,
      "delete_on_termination":true})"));
  CHECK(bdms[1] == json::parse(R"({"volume_size":"1","source_type":"blank","destination_type":"local",
      "delete_on_termination":true})"));
  std::vector<nlohmann::json> gated;
  CHECK(prepare_block_devices(osc_args({"--flavor", "f", "--block-device", "volume_type=fast", "vm"}),
                              versions("2.96", "2.66"), &gated)
            ->msg ==
        "--os-compute-api-version 2.67 or greater is required to support the volume_type key of --block-device");
}

TEST_CASE("CreateServer.take_action networks: networks_from_nics, 'auto' by default from 2.37") {
  nlohmann::json networks;
  REQUIRE_FALSE(networks_from_nics(osc_args({"--flavor", "f", "vm"}), nullptr, versions("2.96"), &networks));
  CHECK(networks == "auto");
  REQUIRE_FALSE(networks_from_nics(osc_args({"--flavor", "f", "vm"}), nullptr, versions("2.36"), &networks));
  CHECK(networks == json::array());
  REQUIRE_FALSE(
      networks_from_nics(osc_args({"--flavor", "f", "--nic", "net-id=n,v4-fixed-ip=10.0.0.1", "--port", "p", "vm"}),
                         nullptr, versions("2.96"), &networks));
  CHECK(networks == json::parse(R"([{"uuid":"n","fixed_ip":"10.0.0.1"},{"port":"p"}])"));
  const auto cloud = small_cloud();
  CHECK(networks_from_nics(osc_args({"--flavor", "f", "--network", "other", "vm"}), &cloud, versions("2.96"), &networks)
            ->msg == "No Network found for other");
  CHECK(networks_from_nics(osc_args({"--flavor", "f", "--nic", "net-id=n,tag=t", "vm"}), nullptr,
                           versions("2.96", "2.42"), &networks)
            ->msg == "--os-compute-api-version 2.43 or greater is required to support the --nic tag field");
}

TEST_CASE("openstacksdk compute create_server: server_body from take_action's kwargs, --hostname gated at 2.90") {
  auto a = osc_args({"--flavor", "f", "--image", "i", "--password", "pw", "--property", "a=1", "--use-config-drive",
                     "--hint", "g=1", "--hint", "g=2", "--hostname", "h", "vm"});
  nlohmann::json body;
  REQUIRE_FALSE(server_body(a, versions("2.96"), "i", "1", {}, "auto", &body));
  CHECK(body == json::parse(R"({"server":{"name":"vm","imageRef":"i","flavorRef":"1","min_count":1,"max_count":1,
      "networks":"auto","adminPass":"pw","metadata":{"a":"1"},"config_drive":true,"hostname":"h"},
      "OS-SCH-HNT:scheduler_hints":{"g":["1","2"]}})"));
  CHECK(server_body(a, versions("2.89"), "i", "1", {}, "auto", &body)->msg ==
        "--os-compute-api-version 2.90 or greater is required to support the --hostname option");
}
