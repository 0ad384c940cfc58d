/**
 * How other modules change a request: the dispatcher's claims, the record of each Gong call and its settlement, the
 * completion checks' claims and verdicts, and retention's purge and anonymisation. Each is set-based SQL owned here,
 * names its {@link com.acme.privacy.erasure.StatusMove} and writes its audit events in the same transaction.
 */
@NamedInterface("lifecycle")
package com.acme.privacy.erasure.lifecycle;

import org.springframework.modulith.NamedInterface;
