# CMake generated Testfile for 
# Source directory: /work/main
# Build directory: /work/main/build-rep
# 
# This file includes the relevant testing commands required for 
# testing this directory and lists subdirectories to be tested as well.
subdirs("models/semantics")
subdirs("sim")
subdirs("models")
subdirs("reports")
subdirs("sim/cli")
subdirs("bench")
subdirs("tests")
subdirs("scenarios")
