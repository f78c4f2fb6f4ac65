# CMake generated Testfile for 
# Source directory: /work/main/tests/semantics
# Build directory: /work/main/build-rep/tests/semantics
# 
# This file includes the relevant testing commands required for 
# testing this directory and lists subdirectories to be tested as well.
add_test([=[test_semantics]=] "/work/main/build-rep/tests/semantics/test_semantics")
set_tests_properties([=[test_semantics]=] PROPERTIES  WORKING_DIRECTORY "/work/main" _BACKTRACE_TRIPLES "/work/main/tests/CMakeLists.txt;6;add_test;/work/main/tests/semantics/CMakeLists.txt;2;bfv_test;/work/main/tests/semantics/CMakeLists.txt;0;")
