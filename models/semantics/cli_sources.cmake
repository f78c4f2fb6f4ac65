# CLI command-line parsing (openstack server create / nova boot) and the Glance image API rules.
set(BFV_SEM_CLI_SOURCES
  ${CMAKE_CURRENT_SOURCE_DIR}/cli.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/cli_hint.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/cli_osc.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/cli_nova.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/glance_api.cpp
)
