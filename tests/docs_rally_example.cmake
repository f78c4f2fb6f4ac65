# docs/rally.md's example is a real run: scripts/rally-doc-example.sh's output must appear in it verbatim.
execute_process(COMMAND bash ${SRC}/scripts/rally-doc-example.sh ${BFVSIM} WORKING_DIRECTORY ${SRC}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "scripts/rally-doc-example.sh failed (${rc}): ${err}")
endif()
file(READ ${SRC}/docs/rally.md doc)
string(STRIP "${out}" out)
string(FIND "${doc}" "${out}" pos)
if(pos EQUAL -1)
  message(FATAL_ERROR "docs/rally.md's example differs from a real run; regenerate it with scripts/rally-doc-example.sh:\n${out}")
endif()
