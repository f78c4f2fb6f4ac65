# bfvsim calibrate recovers a known constant: results produced by bfvsim with cinder [timing]
# scheduler_time = 0.5 s (cloud-truth.yaml) are fitted on the same cloud without it, from the
# bounds 0.02..4 s (start 0.28 s); the fitted value must be within 5 % of 0.5 s.
execute_process(COMMAND ${BFVSIM} run ${SRC}/tests/calibrate/cloud-truth.yaml --rally ${SRC}/tests/calibrate/task.yaml
                        --rally-json ${OUT}/truth.json
                OUTPUT_QUIET RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "bfvsim run --rally-json failed (${rc})")
endif()
execute_process(COMMAND ${BFVSIM} calibrate --rally-results ${OUT}/truth.json --task ${SRC}/tests/calibrate/task.yaml
                        --cloud ${SRC}/scenarios/rally/cloud.yaml --free cinder.timing.scheduler_time=0.02:4 --max-evals 40
                        --out ${OUT}/calibrated.yaml
                OUTPUT_VARIABLE out ERROR_QUIET RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "bfvsim calibrate failed (${rc}):\n${out}")
endif()
string(REGEX MATCH "scheduler_time: ([0-9.e-]+)s" m "${out}")
if(NOT m)
  message(FATAL_ERROR "no scheduler_time in the calibrated block:\n${out}")
endif()
set(v ${CMAKE_MATCH_1})
if(v LESS 0.475 OR v GREATER 0.525)
  message(FATAL_ERROR "recovered scheduler_time ${v} s is not within 5 % of 0.5 s:\n${out}")
endif()
if(NOT out MATCHES "cinder.create_volume +median +10.193")
  message(FATAL_ERROR "the residual table lacks the measured median:\n${out}")
endif()
message(STATUS "recovered scheduler_time = ${v} s (true 0.5 s)")
