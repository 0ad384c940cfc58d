-- Every identifier ciphertext starts with a byte that says how it was sealed: 1 with the identifier's kind alone as
-- associated data (rows stored before V5 and not yet upgraded), 2 bound to its request, kind and key id. Until now
-- sealed_to_request said which, and whoever could write that column could have a value from another row opened with
-- the kind alone; from here on the value's own byte decides, and the service opens a kind-only value only to seal it
-- again to its request (see IdentifierUpgrade). NULL stays NULL.
UPDATE erasure_request
SET email_ciphertext = CASE WHEN sealed_to_request THEN '\x02'::bytea ELSE '\x01'::bytea END || email_ciphertext,
    phone_ciphertext = CASE WHEN sealed_to_request THEN '\x02'::bytea ELSE '\x01'::bytea END || phone_ciphertext
WHERE email_ciphertext IS NOT NULL OR phone_ciphertext IS NOT NULL;
