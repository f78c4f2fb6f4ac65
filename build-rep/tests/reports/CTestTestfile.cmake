# CMake generated Testfile for 
# Source directory: /work/main/tests/reports
# Build directory: /work/main/build-rep/tests/reports
# 
# This file includes the relevant testing commands required for 
# testing this directory and lists subdirectories to be tested as well.
add_test([=[test_reports]=] "/work/main/build-rep/tests/reports/test_reports")
set_tests_properties([=[test_reports]=] PROPERTIES  WORKING_DIRECTORY "/work/main" _BACKTRACE_TRIPLES "/work/main/tests/CMakeLists.txt;6;add_test;/work/main/tests/reports/CMakeLists.txt;2;bfv_test;/work/main/tests/reports/CMakeLists.txt;0;")
add_test([=[reports_html_in_chromium]=] "/work/main/tests/reports/html_in_chromium.sh" "/work/main/build-rep/tests/reports/test_reports")
set_tests_properties([=[reports_html_in_chromium]=] PROPERTIES  SKIP_RETURN_CODE "77" TIMEOUT "180" WORKING_DIRECTORY "/work/main" _BACKTRACE_TRIPLES "/work/main/tests/reports/CMakeLists.txt;12;add_test;/work/main/tests/reports/CMakeLists.txt;0;")
