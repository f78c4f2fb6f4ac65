# CMake generated Testfile for 
# Source directory: /work/main/tests/core
# Build directory: /work/main/build-rep/tests/core
# 
# This file includes the relevant testing commands required for 
# testing this directory and lists subdirectories to be tested as well.
add_test([=[test_units]=] "/work/main/build-rep/tests/core/test_units")
set_tests_properties([=[test_units]=] PROPERTIES  WORKING_DIRECTORY "/work/main" _BACKTRACE_TRIPLES "/work/main/tests/CMakeLists.txt;6;add_test;/work/main/tests/core/CMakeLists.txt;1;bfv_test;/work/main/tests/core/CMakeLists.txt;0;")
add_test([=[test_loader]=] "/work/main/build-rep/tests/core/test_loader")
set_tests_properties([=[test_loader]=] PROPERTIES  WORKING_DIRECTORY "/work/main" _BACKTRACE_TRIPLES "/work/main/tests/CMakeLists.txt;6;add_test;/work/main/tests/core/CMakeLists.txt;3;bfv_test;/work/main/tests/core/CMakeLists.txt;0;")
add_test([=[physics_download]=] "/work/main/build-rep/tests/core/test_physics" "-tc=download*")
set_tests_properties([=[physics_download]=] PROPERTIES  WORKING_DIRECTORY "/work/main" _BACKTRACE_TRIPLES "/work/main/tests/core/CMakeLists.txt;10;add_test;/work/main/tests/core/CMakeLists.txt;0;")
add_test([=[physics_lvm_concurrent]=] "/work/main/build-rep/tests/core/test_physics" "-tc=lvm_concurrent*")
set_tests_properties([=[physics_lvm_concurrent]=] PROPERTIES  WORKING_DIRECTORY "/work/main" _BACKTRACE_TRIPLES "/work/main/tests/core/CMakeLists.txt;10;add_test;/work/main/tests/core/CMakeLists.txt;0;")
