# Used by scripts/fuzz only while the root CMakeLists.txt lacks `add_subdirectory(tests/fuzz)`:
# injected with -DCMAKE_PROJECT_INCLUDE, it includes the fuzz targets once the root is processed.
cmake_language(DEFER DIRECTORY ${CMAKE_SOURCE_DIR} CALL include ${CMAKE_SOURCE_DIR}/tests/fuzz/CMakeLists.txt)
