#!/bin/sh
# make-pki.sh OUTDIR CERTSDIR
#
# The mutual-TLS additions to the test PKI that tests/tls/gen-test-certs.sh
# writes to CERTSDIR (ca.pem, server.pem, client.pem, other-ca.pem…):
#
#   self-signed-client.pem, self-signed-client-key.pem
#       a self-signed client certificate (self_signed_tls_client_auth)
#   wrong-ca-client.pem, wrong-ca-client-key.pem
#       a client certificate signed by other-ca.pem, which no test server
#       trusts
#   client-trust.pem
#       what the mTLS test server trusts for client certificates: ca.pem
#       and self-signed-client.pem
#
# Valid from 2 days ago for 30 days. Nothing here is committed; the build
# runs this script. Prints nothing unless it fails. Needs the openssl
# command line (Debian package `openssl`, installed by scripts/setup).

set -eu

if [ "$#" -ne 2 ]; then
  echo "usage: $0 OUTDIR CERTSDIR" >&2
  exit 2
fi

OPENSSL=${OPENSSL:-openssl}
mkdir -p "$1"
OUTDIR=$(cd "$1" && pwd)
CERTS=$(cd "$2" && pwd)
WORK=$(mktemp -d "$OUTDIR/.make-pki.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
LOG="$WORK/log"

run () {
  "$@" >> "$LOG" 2>&1 || { echo "$0: command failed: $*" >&2; cat "$LOG" >&2; exit 1; }
}

cat > "$WORK/ext.cnf" <<'CNF'
[ ext_client ]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature
extendedKeyUsage = clientAuth
subjectKeyIdentifier = hash
CNF

umask 077
run "$OPENSSL" genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 \
  -out "$WORK/self-signed-client-key.pem"
run "$OPENSSL" genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 \
  -out "$WORK/wrong-ca-client-key.pem"
umask 022

run "$OPENSSL" req -new -x509 -days 30 -key "$WORK/self-signed-client-key.pem" \
  -subj "/O=Pim tests/CN=Pim Self-Signed Test Client" \
  -extensions ext_client -config "$WORK/ext.cnf" \
  -out "$WORK/self-signed-client.pem"

run "$OPENSSL" req -new -key "$WORK/wrong-ca-client-key.pem" \
  -subj "/O=Pim tests/CN=Pim Wrong-CA Test Client" -config "$WORK/ext.cnf" \
  -out "$WORK/wrong-ca-client.csr"
run "$OPENSSL" x509 -req -days 30 -in "$WORK/wrong-ca-client.csr" \
  -CA "$CERTS/other-ca.pem" -CAkey "$CERTS/other-ca-key.pem" -CAcreateserial \
  -extfile "$WORK/ext.cnf" -extensions ext_client -out "$WORK/wrong-ca-client.pem"

cat "$CERTS/ca.pem" "$WORK/self-signed-client.pem" > "$WORK/client-trust.pem"

for f in self-signed-client.pem self-signed-client-key.pem wrong-ca-client.pem \
         wrong-ca-client-key.pem client-trust.pem; do
  mv -f "$WORK/$f" "$OUTDIR/$f"
done
