# Nova/Cinder server-create semantics (owned by the semantics area; see docs/semantics.md).
set(BFV_SEM_NOVA_SOURCES
  ${CMAKE_CURRENT_SOURCE_DIR}/cloud.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/server_schema.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/bdm.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/boot_meta.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/quota.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/bdm_validate.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/server_create.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/delete.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/compute_bdm.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/cinder_api.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/volume_attach.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/explain.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/permissive_cloud.cpp)
