# SPDX-FileCopyrightText: 2026 The Sori authors
# SPDX-License-Identifier: MIT

# Compile options every target of our own gets: warnings are errors, no implicit
# 8-bit string conversions, no deprecated Qt API.
function(sori_target_defaults target)
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Werror
        -Wno-missing-field-initializers) # aggregates rely on default member initializers
    target_compile_definitions(${target} PRIVATE
        QT_NO_CAST_FROM_ASCII
        QT_NO_CAST_TO_ASCII
        QT_NO_CAST_FROM_BYTEARRAY
        QT_NO_URL_CAST_FROM_STRING
        QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
        QT_NO_KEYWORDS
        QT_DISABLE_DEPRECATED_UP_TO=0x060400
        SORI_VERSION="${PROJECT_VERSION}")
endfunction()

# sori_add_test(tst_name [SOURCES a.cpp [b.cpp]] [LIBRARIES lib...] [LABELS unit])
# Builds a Qt Test executable and registers it with CTest (offscreen platform). Every test links
# Qt Test and sori-test-support (tests/support: the test server, clients and fixtures, and
# through it the server's core and the protocol); LIBRARIES adds what else it needs.
function(sori_add_test name)
    cmake_parse_arguments(arg "" "" "SOURCES;LIBRARIES;LABELS" ${ARGN})
    if(NOT arg_SOURCES)
        set(arg_SOURCES ${name}.cpp)
    endif()
    qt_add_executable(${name} ${arg_SOURCES})
    sori_target_defaults(${name})
    target_link_libraries(${name} PRIVATE Qt6::Test sori-test-support ${arg_LIBRARIES})
    target_compile_definitions(${name} PRIVATE
        SORI_TEST_DATA_DIR="${PROJECT_SOURCE_DIR}/tests/data")
    add_test(NAME ${name} COMMAND ${name})
    set_tests_properties(${name} PROPERTIES
        ENVIRONMENT "QT_QPA_PLATFORM=offscreen"
        LABELS "${arg_LABELS}"
        TIMEOUT 300)
    add_dependencies(check ${name})
endfunction()
