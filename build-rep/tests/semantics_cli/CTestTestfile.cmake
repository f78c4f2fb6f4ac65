# CMake generated Testfile for 
# Source directory: /work/main/tests/semantics_cli
# Build directory: /work/main/build-rep/tests/semantics_cli
# 
# This file includes the relevant testing commands required for 
# testing this directory and lists subdirectories to be tested as well.
add_test([=[test_semantics_cli]=] "/work/main/build-rep/tests/semantics_cli/test_semantics_cli")
set_tests_properties([=[test_semantics_cli]=] PROPERTIES  WORKING_DIRECTORY "/work/main" _BACKTRACE_TRIPLES "/work/main/tests/CMakeLists.txt;6;add_test;/work/main/tests/semantics_cli/CMakeLists.txt;2;bfv_test;/work/main/tests/semantics_cli/CMakeLists.txt;0;")
