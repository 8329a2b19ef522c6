# Sourced by the webtunnel bench scripts: a test CA with openssl and a private nginx (own config,
# pid, logs and temporary files under $work, never the system's service), TLS in front of a
# webtunnel server as bridges deploy it. Expects $work and the pids array of the caller.

# make_ca DIR: ca.crt, server.crt/key for bridge.test, 127.0.0.1 and 198.18.0.1 (or the SANs in $CA_SANS).
make_ca() {
  local d=$1
  mkdir -p "$d"
  printf 'basicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=serverAuth\nsubjectAltName=%s\n' "${CA_SANS:-DNS:bridge.test,IP:127.0.0.1,IP:198.18.0.1}" > "$d/server.ext"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout "$d/ca.key" -out "$d/ca.crt" -days 2 \
    -subj "/CN=bench CA" -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign 2>/dev/null
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout "$d/server.key" -out "$d/server.csr" -subj /CN=bridge.test 2>/dev/null
  openssl x509 -req -in "$d/server.csr" -CA "$d/ca.crt" -CAkey "$d/ca.key" -CAcreateserial -out "$d/server.crt" -days 2 \
    -extfile "$d/server.ext" 2>/dev/null
}

# start_nginx DIR LISTEN CA_DIR "PATH UPSTREAM_PORT"...: TLS on LISTEN (host:port), each PATH upgraded to 127.0.0.1:UPSTREAM_PORT,
# a static page (DIR/www) elsewhere.
start_nginx() {
  local d=$1 listen=$2 ca=$3; shift 3
  mkdir -p "$d/tmp" "$d/www"
  echo '<html><body>It works.</body></html>' > "$d/www/index.html"
  local locations=""
  for pair in "$@"; do
    set -- $pair
    locations="$locations
    location = /$1 {
      proxy_pass http://127.0.0.1:$2;
      proxy_http_version 1.1;
      proxy_set_header Upgrade \$http_upgrade;
      proxy_set_header Connection \"upgrade\";
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_read_timeout 1h;
    }"
  done
  cat > "$d/nginx.conf" <<CONF
worker_processes 1;
$([ "$(id -u)" -eq 0 ] && echo "user root;")
pid $d/nginx.pid;
error_log $d/error.log;
events { worker_connections 512; }
http {
  access_log $d/access.log;
  client_body_temp_path $d/tmp/body; proxy_temp_path $d/tmp/proxy; fastcgi_temp_path $d/tmp/fastcgi;
  uwsgi_temp_path $d/tmp/uwsgi; scgi_temp_path $d/tmp/scgi;
  server {
    listen $listen ssl;
    ssl_certificate $ca/server.crt;
    ssl_certificate_key $ca/server.key;
    ssl_protocols TLSv1.2 TLSv1.3;
    root $d/www;
$locations
  }
}
CONF
  nginx -e "$d/error.log" -p "$d" -c "$d/nginx.conf" -g 'daemon off;' > "$d/nginx.out" 2>&1 & pids+=($!)
  for _ in $(seq 200); do [ -f "$d/nginx.pid" ] && return 0; sleep 0.05; done
  echo "nginx did not start:" >&2; cat "$d/nginx.out" "$d/error.log" >&2; exit 1
}
