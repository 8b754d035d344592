#!/bin/sh
# gen-test-certs.sh OUTDIR
#
# Generates a throw-away PKI for the test suite into OUTDIR:
#
#   ca.pem, ca-key.pem             test CA (self-signed)
#   server.pem, server-key.pem     server certificate signed by ca.pem,
#                                  subjectAltName IP:127.0.0.1, DNS:localhost
#   client.pem, client-key.pem     client certificate signed by ca.pem (mTLS)
#   other-ca.pem, other-ca-key.pem an unrelated CA ("wrong CA" tests)
#
# Every certificate is valid from 2 days ago to 30 days ahead. Nothing
# generated here is meant to be committed; the build runs this script.
#
# The files are always regenerated (atomically replaced), so running the
# script again leaves OUTDIR in the same state. It prints nothing unless it
# fails, in which case the openssl log goes to stderr and the exit status is
# non-zero. Requires only a POSIX shell, awk and the openssl command line.

set -eu

if [ "$#" -ne 1 ] || [ -z "$1" ]; then
  echo "usage: $0 OUTDIR" >&2
  exit 2
fi

OPENSSL=${OPENSSL:-openssl}

if ! command -v "$OPENSSL" >/dev/null 2>&1; then
  echo "$0: '$OPENSSL' not found" >&2
  exit 1
fi

mkdir -p "$1"
OUTDIR=$(cd "$1" && pwd)

WORK=$(mktemp -d "$OUTDIR/.gen-test-certs.XXXXXX" 2>/dev/null) || {
  WORK="$OUTDIR/.gen-test-certs.$$"
  rm -rf "$WORK"
  mkdir "$WORK"
}
trap 'rm -rf "$WORK"' EXIT
trap 'exit 1' HUP INT TERM

LOG="$WORK/log"
: > "$LOG"

fail () {
  echo "$0: $*" >&2
  cat "$LOG" >&2
  exit 1
}

run () {
  echo "+ $*" >> "$LOG"
  "$@" >> "$LOG" 2>&1 || fail "command failed: $*"
}

# Seconds since the epoch; 'date +%s' is near universal, POSIX awk's
# srand() return value is the fallback.
now=$(date -u +%s 2>/dev/null) || now=
case "$now" in
  ''|*[!0-9]*) now=$(awk 'BEGIN { srand (); print srand () }') ;;
esac

# Epoch seconds to an ASN.1 GeneralizedTime (YYYYMMDDHHMMSSZ), computed with
# the proleptic Gregorian calendar so no non-POSIX 'date -d' is needed.
asn1_time () {
  awk -v t="$1" 'BEGIN {
    s = t % 86400
    z = (t - s) / 86400 + 719468
    era = int (z / 146097)
    doe = z - era * 146097
    yoe = int ((doe - int (doe / 1460) + int (doe / 36524) - int (doe / 146096)) / 365)
    y = yoe + era * 400
    doy = doe - (365 * yoe + int (yoe / 4) - int (yoe / 100))
    mp = int ((5 * doy + 2) / 153)
    d = doy - int ((153 * mp + 2) / 5) + 1
    m = (mp < 10) ? mp + 3 : mp - 9
    if (m <= 2)
      y++
    printf "%04d%02d%02d%02d%02d%02dZ\n", y, m, d, int (s / 3600), int ((s % 3600) / 60), s % 60
  }'
}

START=$(asn1_time $((now - 2 * 86400)))
END=$(asn1_time $((now + 30 * 86400)))

cd "$WORK"
mkdir newcerts
: > index.txt
run "$OPENSSL" rand -hex -out serial.rand 8
# A fixed leading byte keeps the serial positive and of even length.
printf '10%s\n' "$(cat serial.rand)" > serial

cat > openssl.cnf <<'EOF'
[ ca ]
default_ca = pim_ca

[ pim_ca ]
dir = .
database = ./index.txt
new_certs_dir = ./newcerts
serial = ./serial
default_md = sha256
policy = pim_policy
unique_subject = no
copy_extensions = none
email_in_dn = no
preserve = no

[ pim_policy ]
organizationName = optional
commonName = supplied

[ req ]
distinguished_name = req_dn
prompt = no
utf8 = yes

[ req_dn ]
CN = unused

[ ext_ca ]
basicConstraints = critical, CA:true, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash

[ ext_server ]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = IP:127.0.0.1, DNS:localhost
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid

[ ext_client ]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature
extendedKeyUsage = clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
EOF

genkey () {
  run "$OPENSSL" genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 \
    -out "$1"
}

csr () {
  # csr KEY SUBJECT OUT
  run "$OPENSSL" req -config openssl.cnf -new -key "$1" -subj "$2" -out "$3"
}

selfsign () {
  # selfsign KEY CSR EXT OUT
  run "$OPENSSL" ca -config openssl.cnf -batch -notext -selfsign \
    -keyfile "$1" -in "$2" -extensions "$3" \
    -startdate "$START" -enddate "$END" -out "$4"
}

sign () {
  # sign CA CAKEY CSR EXT OUT
  run "$OPENSSL" ca -config openssl.cnf -batch -notext \
    -cert "$1" -keyfile "$2" -in "$3" -extensions "$4" \
    -startdate "$START" -enddate "$END" -out "$5"
}

umask 077
genkey ca-key.pem
genkey server-key.pem
genkey client-key.pem
genkey other-ca-key.pem
umask 022

csr ca-key.pem "/O=Pim tests/CN=Pim Test CA" ca.csr
selfsign ca-key.pem ca.csr ext_ca ca.pem

csr other-ca-key.pem "/O=Pim tests/CN=Pim Unrelated Test CA" other-ca.csr
selfsign other-ca-key.pem other-ca.csr ext_ca other-ca.pem

csr server-key.pem "/O=Pim tests/CN=localhost" server.csr
sign ca.pem ca-key.pem server.csr ext_server server.pem

csr client-key.pem "/O=Pim tests/CN=Pim Test Client" client.csr
sign ca.pem ca-key.pem client.csr ext_client client.pem

run "$OPENSSL" verify -CAfile ca.pem -purpose sslserver server.pem
run "$OPENSSL" verify -CAfile ca.pem -purpose sslclient client.pem
if "$OPENSSL" verify -CAfile other-ca.pem server.pem >> "$LOG" 2>&1; then
  fail "server.pem unexpectedly verifies against other-ca.pem"
fi

for f in ca.pem ca-key.pem server.pem server-key.pem client.pem \
         client-key.pem other-ca.pem other-ca-key.pem; do
  mv -f "$f" "$OUTDIR/$f" || fail "cannot move $f to $OUTDIR"
done

exit 0
