# CMake generated Testfile for 
# Source directory: /tmp/bfv-rep-wrapper
# Build directory: /work/main/build-rep-w
# 
# This file includes the relevant testing commands required for 
# testing this directory and lists subdirectories to be tested as well.
subdirs("reports")
subdirs("tests/reports")
