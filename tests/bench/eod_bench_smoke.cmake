# ctest eod_bench_smoke: runs fb_eod_bench small (one rep of 60 accounts, 20 changes out,
# 30 in, 40 ms added round trip at 4 Mbit/s, one round; a visit day of 3 visits with photos of
# 20 KB) and checks that it completes and prints valid
# JSON with the keys the figures are read from. Timings are not asserted.
#   cmake -DBENCH=fb_eod_bench -DOUT=result.json -P eod_bench_smoke.cmake
execute_process(
  COMMAND ${BENCH} --reps 1 --accounts 60 --changes 20 --incoming 30 --rtt-ms 40 --rounds 1
          --visits 3 --photo-bytes 20000 --bits-per-second 4000000 --out ${OUT}
  OUTPUT_VARIABLE stdout
  ERROR_VARIABLE stderr
  RESULT_VARIABLE code)
if(NOT code EQUAL 0)
  message(FATAL_ERROR "fb_eod_bench failed (${code}):\n${stderr}")
endif()
file(READ ${OUT} json)
if(NOT json STREQUAL stdout)
  message(FATAL_ERROR "fb_eod_bench: --out differs from what it printed")
endif()
foreach(path
    "build" "machine;cpu" "book;device_records" "initial_sync;ms" "initial_sync;records"
    "end_of_day;changes" "end_of_day;incoming")
  string(JSON value ERROR_VARIABLE error GET "${json}" ${path})
  if(error)
    string(REPLACE ";" "." shown "${path}")
    message(FATAL_ERROR "fb_eod_bench: no ${shown} in its JSON: ${error}\n${json}")
  endif()
endforeach()
foreach(link direct slow_link slow_link_x2_latency)
  foreach(key median_ms round_trips pushed pulled bytes_sent bytes_received runs)
    string(JSON value ERROR_VARIABLE error GET "${json}" end_of_day ${link} ${key})
    if(error)
      message(FATAL_ERROR "fb_eod_bench: no end_of_day.${link}.${key} in its JSON: ${error}\n${json}")
    endif()
  endforeach()
  string(JSON pushed GET "${json}" end_of_day ${link} pushed)
  if(NOT pushed EQUAL 20)
    message(FATAL_ERROR "fb_eod_bench: ${link} pushed ${pushed} changes, want 20")
  endif()
endforeach()
foreach(link slow_link slow_link_x2_latency)
  foreach(key tcp_bytes_up tcp_bytes_down connections)
    string(JSON value ERROR_VARIABLE error GET "${json}" end_of_day ${link} ${key})
    if(error)
      message(FATAL_ERROR "fb_eod_bench: no end_of_day.${link}.${key} in its JSON: ${error}")
    endif()
  endforeach()
endforeach()
foreach(path "visit_day;direct;records_ms" "visit_day;direct;photos_ms" "visit_day;slow_link;records_ms"
    "visit_day;slow_link;photo_link_use" "visit_day;slow_link;photo_bytes_sent")
  string(JSON value ERROR_VARIABLE error GET "${json}" ${path})
  if(error)
    string(REPLACE ";" "." shown "${path}")
    message(FATAL_ERROR "fb_eod_bench: no ${shown} in its JSON: ${error}\n${json}")
  endif()
endforeach()
message(STATUS "fb_eod_bench smoke: valid JSON with the expected keys")
