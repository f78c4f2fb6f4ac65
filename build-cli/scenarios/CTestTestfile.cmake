# CMake generated Testfile for 
# Source directory: /work/main/scenarios
# Build directory: /work/main/build-cli/scenarios
# 
# This file includes the relevant testing commands required for 
# testing this directory and lists subdirectories to be tested as well.
