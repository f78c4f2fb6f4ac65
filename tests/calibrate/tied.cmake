# bfvsim calibrate --free A+B=LO:HI ties two options to one value: nova-compute's and cinder-volume's
# librados connect (nova 14.x storage/rbd_utils.py::RBDDriver._connect_to_rados and cinder
# volume/drivers/rbd.py::RBDDriver._connect_to_rados: the same rados.Rados(...).connect() to the same
# monitors). The calibrated block must give both options the same value; a malformed tie exits 2.
execute_process(COMMAND ${BFVSIM} calibrate --rally-table ${SRC}/scenarios/calibration/published/cinder30.txt
                        --task ${SRC}/scenarios/calibration/cinder30.yaml --cloud ${SRC}/scenarios/calibration/k8s-cinder-ceph.yaml
                        --free nova.timing.rados_connect_time+cinder.timing.rados_connect_time=0.01:1 --max-evals 6
                OUTPUT_VARIABLE out ERROR_QUIET RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "bfvsim calibrate failed (${rc}):\n${out}")
endif()
string(REGEX MATCH "nova:\n +timing:\n +rados_connect_time: ([0-9.e-]+s)" m1 "${out}")
set(nova ${CMAKE_MATCH_1})
string(REGEX MATCH "cinder:\n +timing:\n +rados_connect_time: ([0-9.e-]+s)" m2 "${out}")
set(cinder ${CMAKE_MATCH_1})
if(NOT m1 OR NOT m2 OR NOT nova STREQUAL cinder)
  message(FATAL_ERROR "the tied options differ or are missing (nova '${nova}', cinder '${cinder}'):\n${out}")
endif()
execute_process(COMMAND ${BFVSIM} calibrate --rally-table ${SRC}/scenarios/calibration/published/cinder30.txt
                        --task ${SRC}/scenarios/calibration/cinder30.yaml --cloud ${SRC}/scenarios/calibration/k8s-cinder-ceph.yaml
                        --free nova.timing.rados_connect_time+=0.01:1
                OUTPUT_QUIET ERROR_VARIABLE err RESULT_VARIABLE rc)
if(NOT rc EQUAL 2 OR NOT err MATCHES "NAME=LO:HI")
  message(FATAL_ERROR "a malformed tie must exit 2 naming NAME=LO:HI (rc ${rc}):\n${err}")
endif()
execute_process(COMMAND ${BFVSIM} calibrate --rally-table ${SRC}/scenarios/calibration/published/cinder30.txt
                        --task ${SRC}/scenarios/calibration/cinder30.yaml --cloud ${SRC}/scenarios/calibration/k8s-cinder-ceph.yaml
                        --free nova.timing.rados_connect_time+cinder.timing.rados_conect_time=0.01:1
                OUTPUT_QUIET ERROR_VARIABLE err RESULT_VARIABLE rc)
if(NOT rc EQUAL 2 OR NOT err MATCHES "rados_conect_time")
  message(FATAL_ERROR "a misspelt tied option must exit 2 naming it (rc ${rc}):\n${err}")
endif()
message(STATUS "tied: nova and cinder rados_connect_time = ${nova}")
