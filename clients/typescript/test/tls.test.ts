// TLS: runs when scripts/test-typescript.sh started the second server with TLS_CERT_PATH/TLS_KEY_PATH
// (a CA made by openssl for the run):
//   MEDIMG_TLS_URL=https://127.0.0.1:18103 MEDIMG_TLS_TOKEN=... MEDIMG_CA_CERT=ca.pem
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { test } from "node:test";

import { ConnectError, createImagingClient, ServingStatus } from "../src/index.js";

const tlsUrl = process.env.MEDIMG_TLS_URL;
const tlsToken = process.env.MEDIMG_TLS_TOKEN;
const caPath = process.env.MEDIMG_CA_CERT;
const skip = tlsUrl && caPath ? false : "MEDIMG_TLS_URL and MEDIMG_CA_CERT not set (scripts/test-typescript.sh sets them)";

test("over TLS with the CA certificate: health and an authenticated list over h2", { skip }, async () => {
  const client = createImagingClient({ baseUrl: tlsUrl!, token: tlsToken, caCert: await readFile(caPath!) });
  const health = await client.health();
  assert.equal(health.status, ServingStatus.SERVING);
  assert.equal(health.details, true, "the token was accepted over TLS");
  const page = await client.listReports();
  assert.ok(Array.isArray(page.reports));
});

test("over TLS without the CA certificate: the call fails naming the certificate", { skip }, async () => {
  const client = createImagingClient({ baseUrl: tlsUrl! });
  try {
    await client.health();
    assert.fail("a server certificate from an untrusted CA was accepted");
  } catch (err) {
    assert.ok(err instanceof ConnectError, `expected a ConnectError, got ${String(err)}`);
    assert.match(err.message, /certificate/i);
  }
});
