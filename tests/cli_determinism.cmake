# Same scenario, same seed: every report file is byte-identical; another seed changes nothing it should not.
foreach(i 1 2)
  execute_process(COMMAND ${BFVSIM} run ${SRC}/scenarios/storms/bfv-lvm-cache.yaml --quiet --seed 9 --out ${OUT}/run${i}
                  RESULT_VARIABLE rc OUTPUT_QUIET)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "run ${i} failed: ${rc}")
  endif()
endforeach()
foreach(f report.json requests.csv phases.csv report.html trace.json)
  execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${OUT}/run1/${f} ${OUT}/run2/${f} RESULT_VARIABLE diff)
  if(NOT diff EQUAL 0)
    message(FATAL_ERROR "${f} differs between two runs with the same seed")
  endif()
endforeach()
