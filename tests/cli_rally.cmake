# `bfvsim run --rally TASK CLOUD`: Rally's per-workload atomic-action tables and SLA verdicts, the
# `rally task report --json` file, Jinja task args, and clear errors (exit 2) for bad input.
function(run_bfvsim out_var rc_var err_var)
  execute_process(COMMAND ${BFVSIM} run ${ARGN} --quiet RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  set(${out_var} "${out}" PARENT_SCOPE)
  set(${rc_var} "${rc}" PARENT_SCOPE)
  set(${err_var} "${err}" PARENT_SCOPE)
endfunction()
function(expect_in text)
  foreach(want ${ARGN})
    string(FIND "${text}" "${want}" pos)
    if(pos EQUAL -1)
      message(FATAL_ERROR "output lacks '${want}':\n${text}")
    endif()
  endforeach()
endfunction()
set(CLOUD ${SRC}/scenarios/rally/cloud.yaml)
set(B ${CMAKE_CURRENT_BINARY_DIR})

# 1. v2, one workload: the table rows and the SLA verdict.
run_bfvsim(out rc err --rally ${SRC}/scenarios/rally/boot-from-volume-task.yaml ${CLOUD})
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "expected exit 0, got ${rc}: ${err}\n${out}")
endif()
expect_in("${out}" "| cinder_v3.create_volume " "| nova.boot_server " "| nova.delete_server " "| total " "|  -> idle_duration "
          "Failure rate criteria 0.00% <= 0.00% <= 0.00% - Passed" "| PASS ")

# 2. An unknown scenario: exit 2 naming the supported ones.
file(READ ${SRC}/scenarios/rally/boot-from-volume-task.yaml task)
string(REPLACE "NovaServers.boot_server_from_volume_and_delete:" "NovaServers.boot_server_from_volum_and_delete:" task "${task}")
file(WRITE ${B}/rally-misspelt.yaml "${task}")
run_bfvsim(out rc err --rally ${B}/rally-misspelt.yaml ${CLOUD})
if(NOT rc EQUAL 2 OR NOT err MATCHES "unsupported Rally scenario.*did you mean 'NovaServers.boot_server_from_volume_and_delete'.*supported: NovaServers.boot_server")
  message(FATAL_ERROR "expected exit 2 naming the supported scenarios, got ${rc}: ${err}")
endif()

# 3. The Jinja v2 task with two subtasks (create_and_attach_volume), its atomic actions in order,
#    and Rally's JSON report: two workloads, iterations with atomic actions, SLA results.
run_bfvsim(out rc err --rally ${SRC}/scenarios/rally/create-and-attach-volume-task.yaml ${CLOUD} --rally-json ${B}/rally-attach.json)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "expected exit 0, got ${rc}: ${err}\n${out}")
endif()
string(REGEX MATCH "nova\\.boot_server.*cinder_v3\\.create_volume.*nova\\.attach_volume.*nova\\.detach_volume.*cinder_v3\\.delete_volume.*nova\\.delete_server.*args position 1"
       order "${out}")
if(NOT order)
  message(FATAL_ERROR "atomic actions not in create_and_attach_volume's order:\n${out}")
endif()
expect_in("${out}" "args position 0" "args position 1" "max_avg_duration | PASS" "Average duration of one iteration")
file(READ ${B}/rally-attach.json js)
string(JSON fmt GET "${js}" info format_version)
string(JSON nsub LENGTH "${js}" tasks 0 subtasks)
string(JSON a3 GET "${js}" tasks 0 subtasks 0 workloads 0 data 0 atomic_actions 2 name)
string(JSON iters GET "${js}" tasks 0 subtasks 1 workloads 0 total_iteration_count)
string(JSON pass GET "${js}" tasks 0 pass_sla)
string(JSON flavor GET "${js}" tasks 0 subtasks 0 workloads 0 scenario CinderVolumes.create_and_attach_volume flavor name)
if(NOT fmt STREQUAL "1.2" OR NOT nsub EQUAL 2 OR NOT a3 STREQUAL "nova.attach_volume" OR NOT iters EQUAL 5 OR NOT pass STREQUAL "ON"
   OR NOT flavor STREQUAL "m1.tiny")
  message(FATAL_ERROR "Rally JSON report: format ${fmt}, subtasks ${nsub}, third atomic ${a3}, iterations ${iters}, pass_sla ${pass}, flavor ${flavor}")
endif()

# 3b. Same task, same seed: the JSON report is byte-identical.
run_bfvsim(out2 rc2 err2 --rally ${SRC}/scenarios/rally/create-and-attach-volume-task.yaml ${CLOUD} --rally-json ${B}/rally-attach-2.json)
file(READ ${B}/rally-attach-2.json js2)
if(NOT js STREQUAL js2)
  message(FATAL_ERROR "two runs of the same task wrote different Rally JSON reports")
endif()

# 4. --task-args over --task-args-file over the template's defaults.
run_bfvsim(out rc err --rally ${SRC}/scenarios/rally/create-and-attach-volume-task.yaml ${CLOUD}
           --task-args-file ${SRC}/scenarios/rally/task-args.yaml --task-args "{times: 2}" --rally-json ${B}/rally-args.json)
file(READ ${B}/rally-args.json js)
string(JSON flavor GET "${js}" tasks 0 subtasks 0 workloads 0 scenario CinderVolumes.create_and_attach_volume flavor name)
string(JSON iters GET "${js}" tasks 0 subtasks 0 workloads 0 total_iteration_count)
if(NOT rc EQUAL 0 OR NOT flavor STREQUAL "m1.small" OR NOT iters EQUAL 2)
  message(FATAL_ERROR "task args: exit ${rc}, flavor ${flavor} (want m1.small), iterations ${iters} (want 2): ${err}")
endif()

# 5. An SLA that fails (max_avg_duration overridden to 5 s): FAIL in the table, exit 1.
run_bfvsim(out rc err --rally ${SRC}/scenarios/rally/create-and-attach-volume-task.yaml ${CLOUD} --task-args "{max_avg_duration: 5, times: 1}")
if(NOT rc EQUAL 1)
  message(FATAL_ERROR "expected exit 1 for a failed SLA, got ${rc}: ${err}\n${out}")
endif()
expect_in("${out}" "max_avg_duration | FAIL" "<= 5.00s - Failed" "At least one workload did not pass SLA criteria.")

# 6. A Jinja syntax error: exit 2, file:line, says it is Jinja.
file(WRITE ${B}/rally-bad-jinja.yaml "{% set flavor_name = flavor_name or \"m1.tiny\" %}\n---\nversion: 2\nsubtasks:\n{% for i in range(2) %}\n  - title: x\n{% endfo %}\n")
run_bfvsim(out rc err --rally ${B}/rally-bad-jinja.yaml ${CLOUD})
if(NOT rc EQUAL 2 OR NOT err MATCHES "rally-bad-jinja.yaml:7: Jinja template error")
  message(FATAL_ERROR "expected exit 2 with file:7 and 'Jinja template error', got ${rc}: ${err}")
endif()

# 7. v1 JSON with three workloads (two entries of one scenario + another scenario): three tables, every SLA kind.
run_bfvsim(out rc err --rally ${SRC}/scenarios/rally/several-workloads-v1.json ${CLOUD})
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "expected exit 0, got ${rc}: ${err}\n${out}")
endif()
# rps 2 with max_concurrency 2, iterations of 9.263 s (boot 7.167 + delete 2.096, both seen by status
# GETs of 32 ms each): starts at 0, 0.5, then 9.263, 9.763 (each waits for a slot) -> load duration
# 9.763 + 9.263 = 19.026 s (10.763 s without the bound).
expect_in("${out}" "Load duration: 19.026\n" "args position 2" "test scenario CinderVolumes.create_volume" "max_seconds_per_iteration | PASS"
          "Maximum number of outliers 0 <= 1 - Passed" "note: context network: accepted")

# 8. A regex image name that matches nothing: Rally's error, exit 2.
run_bfvsim(out rc err --rally ${SRC}/scenarios/rally/several-workloads-v1.json ${CLOUD} --task-args "{image_regex: '^ubuntu'}")
if(NOT rc EQUAL 2 OR NOT err MATCHES "Invalid scenario argument: 'Glance_Image with pattern '\\^ubuntu' not found'")
  message(FATAL_ERROR "expected exit 2 with Rally's image-not-found error, got ${rc}: ${err}")
endif()

# 9. Failing iterations (Cinder quota 413 under concurrency): Rally's error, per-action success, SLA at 75 %.
run_bfvsim(out rc err --rally ${SRC}/scenarios/rally/quota-failures-task.yaml ${CLOUD})
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "expected exit 0 (failure_rate max 80 passes at 75 %), got ${rc}: ${err}\n${out}")
endif()
expect_in("${out}" "OverLimit: Maximum number of volumes allowed (1) exceeded for quota 'volumes'. (HTTP 413)"
          "Failure rate criteria 0.00% <= 75.00% <= 80.00% - Passed")
string(REGEX MATCH "\\| cinder_v3\\.create_volume +\\|[^\n]*\\| 25\\.0% +\\| 4 +\\|" crow "${out}")
string(REGEX MATCH "\\| nova\\.attach_volume +\\|[^\n]*\\| 100\\.0% +\\| 1 +\\|" arow "${out}")
if(NOT crow OR NOT arow)
  message(FATAL_ERROR "expected create_volume 25.0% of 4 and attach_volume 100.0% of 1:\n${out}")
endif()
