# gitvqa_add_test(NAME SOURCES... LIBS ... [LABELS ...] [TIMEOUT s])
# Builds a Qt Test executable and registers it with ctest. Exit code 77 means "skipped" (reference data missing).
function(gitvqa_add_test name)
  cmake_parse_arguments(T "" "TIMEOUT" "SOURCES;LIBS;LABELS" ${ARGN})
  add_executable(${name} ${T_SOURCES})
  target_link_libraries(${name} PRIVATE Qt6::Test ${T_LIBS})
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR}/tests/common ${PROJECT_SOURCE_DIR})
  target_compile_definitions(${name} PRIVATE GITVQA_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
  add_test(NAME ${name} COMMAND ${name})
  if(NOT T_TIMEOUT)
    set(T_TIMEOUT 600)
  endif()
  set_tests_properties(${name} PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT ${T_TIMEOUT}
                       ENVIRONMENT "QT_QPA_PLATFORM=offscreen" LABELS "${T_LABELS}")
endfunction()

# gitvqa_test_uses_cli(TARGET)
# For a suite that runs the built `gitvqa` binary through tests/common/cli_runner.h: defines GITVQA_CLI_BINARY (the
# binary's path) and makes the suite wait for gitvqa to be built.
function(gitvqa_test_uses_cli target)
  if(NOT TARGET gitvqa)
    message(FATAL_ERROR "gitvqa_test_uses_cli(${target}): there is no gitvqa target (guard with if(TARGET gitvqa))")
  endif()
  target_sources(${target} PRIVATE ${PROJECT_SOURCE_DIR}/tests/common/cli_runner.h)
  target_compile_definitions(${target} PRIVATE GITVQA_CLI_BINARY="$<TARGET_FILE:gitvqa>")
  add_dependencies(${target} gitvqa)
endfunction()
