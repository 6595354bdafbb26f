// Ready-to-copy shell commands that sign a test request for a bin. The signature is computed when the command
// runs (with openssl), not here: a Standard Webhooks timestamp older than five minutes no longer verifies.

function quote(value) {
  return `'${String(value).replaceAll("'", "'\\''")}'`;
}

/** A bash command posting a signed JSON body to `url` for `scheme` (standard, github, razorpay). */
export function curlCommand(scheme, url, secrets) {
  const standard = secrets?.standard ?? "whsec_<your secret>";
  const github = secrets?.github ?? "<your GitHub secret>";
  const razorpay = secrets?.razorpay ?? "<your Razorpay secret>";
  switch (scheme) {
    case "github":
      return [
        `BODY='{"zen":"Keep it logically awesome."}'`,
        `SIG=$(printf '%s' "$BODY" | openssl dgst -sha256 -hmac ${quote(github)} | sed 's/^.* //')`,
        `curl -i ${quote(url)} -H 'Content-Type: application/json' \\`,
        `  -H "X-GitHub-Delivery: $(cat /proc/sys/kernel/random/uuid)" -H "X-Hub-Signature-256: sha256=$SIG" --data-raw "$BODY"`,
      ].join("\n");
    case "razorpay":
      return [
        `BODY='{"event":"payment.captured","payload":{"payment":{"entity":{"id":"pay_demo","amount":50000}}}}'`,
        `SIG=$(printf '%s' "$BODY" | openssl dgst -sha256 -hmac ${quote(razorpay)} | sed 's/^.* //')`,
        `curl -i ${quote(url)} -H 'Content-Type: application/json' \\`,
        `  -H "x-razorpay-event-id: evt_$(date +%s)" -H "X-Razorpay-Signature: $SIG" --data-raw "$BODY"`,
      ].join("\n");
    default:
      return [
        `BODY='{"type":"payment.captured","data":{"amount":50000,"currency":"INR"}}'`,
        `ID=msg_$(date +%s%N); TS=$(date +%s)`,
        `KEY=$(printf '%s' ${quote(standard.replace(/^whsec_/, ""))} | base64 -d | xxd -p -c 256)`,
        `SIG=$(printf '%s' "$ID.$TS.$BODY" | openssl dgst -sha256 -mac HMAC -macopt hexkey:$KEY -binary | base64)`,
        `curl -i ${quote(url)} -H 'Content-Type: application/json' \\`,
        `  -H "webhook-id: $ID" -H "webhook-timestamp: $TS" -H "webhook-signature: v1,$SIG" --data-raw "$BODY"`,
      ].join("\n");
  }
}
