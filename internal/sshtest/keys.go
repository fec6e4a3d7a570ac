package sshtest

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"fmt"

	"golang.org/x/crypto/ssh"
)

// KeyPair is an ed25519 key in the forms tests need.
type KeyPair struct {
	Private ed25519.PrivateKey
	Signer  ssh.Signer
	// PrivatePEM is the private key in OpenSSH's format (what ssh-keygen writes).
	PrivatePEM []byte
	// AuthorizedKey is the public key as one authorized_keys line.
	AuthorizedKey []byte
	// Fingerprint is the public key's "SHA256:..." fingerprint, as ssh-keygen -l shows it.
	Fingerprint string
}

// NewKeyPair makes a fresh ed25519 key; a non-empty passphrase encrypts PrivatePEM.
func NewKeyPair(passphrase string) (KeyPair, error) {
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return KeyPair{}, fmt.Errorf("generate a key: %w", err)
	}
	var block *pem.Block
	if passphrase == "" {
		block, err = ssh.MarshalPrivateKey(priv, "exchange test key")
	} else {
		block, err = ssh.MarshalPrivateKeyWithPassphrase(priv, "exchange test key", []byte(passphrase))
	}
	if err != nil {
		return KeyPair{}, fmt.Errorf("encode a key: %w", err)
	}
	signer, err := ssh.NewSignerFromKey(priv)
	if err != nil {
		return KeyPair{}, err
	}
	sshPub, err := ssh.NewPublicKey(pub)
	if err != nil {
		return KeyPair{}, err
	}
	return KeyPair{
		Private:       priv,
		Signer:        signer,
		PrivatePEM:    pem.EncodeToMemory(block),
		AuthorizedKey: ssh.MarshalAuthorizedKey(sshPub),
		Fingerprint:   ssh.FingerprintSHA256(sshPub),
	}, nil
}
