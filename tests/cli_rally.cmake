# `bfvsim run --rally TASK CLOUD` prints Rally's atomic-action table and the SLA verdict;
# an unsupported scenario name exits 2 listing the supported ones.
execute_process(COMMAND ${BFVSIM} run --rally ${SRC}/scenarios/rally/boot-from-volume-task.yaml ${SRC}/scenarios/rally/cloud.yaml --quiet
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "expected exit 0, got ${rc}: ${err}\n${out}")
endif()
foreach(want "| cinder_v3.create_volume " "| nova.boot_server " "| nova.delete_server " "| total " "Failure rate criteria 0.00% <= 0.00% <= 0.00% - Passed")
  string(FIND "${out}" "${want}" pos)
  if(pos EQUAL -1)
    message(FATAL_ERROR "output lacks '${want}':\n${out}")
  endif()
endforeach()
file(READ ${SRC}/scenarios/rally/boot-from-volume-task.yaml task)
string(REPLACE "NovaServers.boot_server_from_volume_and_delete:" "NovaServers.boot_server_from_volum_and_delete:" task "${task}")
file(WRITE ${CMAKE_CURRENT_BINARY_DIR}/rally-misspelt.yaml "${task}")
execute_process(COMMAND ${BFVSIM} run --rally ${CMAKE_CURRENT_BINARY_DIR}/rally-misspelt.yaml ${SRC}/scenarios/rally/cloud.yaml --quiet
                RESULT_VARIABLE rc2 OUTPUT_QUIET ERROR_VARIABLE err2)
if(NOT rc2 EQUAL 2 OR NOT err2 MATCHES "unsupported Rally scenario.*supported: NovaServers.boot_server_from_volume")
  message(FATAL_ERROR "expected exit 2 naming the supported scenarios, got ${rc2}: ${err2}")
endif()
