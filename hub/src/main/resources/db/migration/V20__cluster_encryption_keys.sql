-- Each cluster's X25519 public key (base64 X.509): the hub seals that cluster's Secrets to it.
-- Empty for clusters that enrolled before Secret sealing; they get no Secrets.
ALTER TABLE clusters ADD COLUMN encryption_key TEXT NOT NULL DEFAULT '';
