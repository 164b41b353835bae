# SPDX-License-Identifier: GPL-3.0-or-later

# Shared by the benchmark scripts: a Release dockside-cli, background processes that end with the script,
# loopback ports, and wrk's figures. Source it after setting `root`.

# Builds a Release dockside-cli (no GUI, no tests) and prints its path.
build_release_cli() {
  "$root/packaging/install-deps.sh" --with-bench >&2
  local build="$root/build-bench"
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DDOCKSIDE_BUILD_GUI=OFF \
    -DDOCKSIDE_BUILD_TESTS=OFF >/dev/null
  cmake --build "$build" --target dockside-cli >/dev/null
  echo "$build/app/cli/dockside-cli"
}

# Builds one benchmark of the window (Release, GUI and tests on) and prints its path.
build_release_ui_bench() {
  "$root/packaging/install-deps.sh" --with-tests >&2
  local build="$root/build-bench-ui"
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DDOCKSIDE_BUILD_GUI=ON -DDOCKSIDE_BUILD_TESTS=ON \
    >/dev/null
  cmake --build "$build" -j2 --target "$1" >/dev/null
  echo "$build/tests/bench/$1"
}

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_for_port() {
  for _ in $(seq 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
    sleep 0.05
  done
  echo "nothing listens on port $1" >&2
  exit 1
}

requests_per_second() { awk '/^Requests\/sec:/ {print $2}' "$1"; }
# A wrk --latency percentile line ("50%", "99%") in milliseconds, whatever unit wrk printed.
wrk_percentile_ms() {
  awk -v p="$2" '$1 == p {v=$2; if (v ~ /us$/) {sub(/us$/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v=v*1000}; print v}' "$1"
}
# Waits until a process has used under 10 ms of CPU in half a second (its deferred work is done) and prints how many
# seconds that took.
wait_until_idle() {
  local pid=$1 start before after
  start=$(date +%s.%N)
  while true; do
    before=$(awk '{print $14 + $15}' "/proc/$pid/stat")
    sleep 0.5
    after=$(awk '{print $14 + $15}' "/proc/$pid/stat")
    if (( after - before <= 1 )); then break; fi
  done
  python3 -c "print(round($(date +%s.%N) - $start - 0.5, 1))"
}
# The start of a one-worker nginx configuration whose files go in the folder $1, up to and including "http {" and
# its unlogged access.
nginx_config_head() {
  cat <<CONF
worker_processes 1;
daemon off;
pid $1/nginx.pid;
error_log $1/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
CONF
}
# Runs nginx on the configuration $1/nginx.conf until the script ends, once it listens on port $2.
run_nginx() {
  nginx -c "$1/nginx.conf" -p "$1" &
  pids+=("$!")
  wait_for_port "$2"
}
# Starts nginx (one worker) answering every request, POST included, with $work/www/answer.json on a free port, and
# sets nginx_port. Extra http-level directives come as the first argument ("keepalive_requests 1000000;").
start_static_nginx() {
  local extra=${1:-}
  nginx_port=$(free_port)
  {
    nginx_config_head "$work"
    cat <<CONF
  client_body_temp_path $work/nginx-body;
  $extra
  server {
    listen 127.0.0.1:$nginx_port;
    root $work/www;
    default_type application/json;
    error_page 405 =200 \$uri;
    location / { try_files /answer.json =404; }
  }
}
CONF
  } >"$work/nginx.conf"
  run_nginx "$work" "$nginx_port"
}

# Starts a second nginx (one worker) as a reverse proxy to 127.0.0.1:$1 with kept-alive upstream connections and no
# log, the reference any relay is measured against, and sets proxy_port.
start_proxy_nginx() {
  local upstream=$1 dir="$work/proxy"
  proxy_port=$(free_port)
  mkdir -p "$dir"
  {
    nginx_config_head "$dir"
    cat <<CONF
  client_body_temp_path $dir/body;
  proxy_temp_path $dir/proxy-temp;
  keepalive_requests 1000000;
  upstream webhook { server 127.0.0.1:$upstream; keepalive 64; }
  server {
    listen 127.0.0.1:$proxy_port;
    location / {
      proxy_pass http://webhook;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
    }
  }
}
CONF
  } >"$dir/nginx.conf"
  run_nginx "$dir" "$proxy_port"
}
