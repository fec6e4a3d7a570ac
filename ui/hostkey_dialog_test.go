package ui

import (
	"strings"
	"testing"

	"exchange/transport"
)

func TestHostKeyQuestionSpeaksOfTheHostKey(t *testing.T) {
	key := transport.CertInfo{Subject: "SSH host key (ssh-ed25519) of sftp.example:22",
		SHA256: "SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s", Reason: "no host key is stored for this server yet"}
	cert := transport.CertInfo{Subject: "CN=ftp", Issuer: "CN=ftp", SHA256: "AB:CD"}
	if !isHostKey(key) || isHostKey(cert) {
		t.Fatal("host keys and certificates are told apart wrongly")
	}
	text := hostKeyText(key)
	for _, want := range []string{key.SHA256, "ssh-ed25519", "refuse"} {
		if !strings.Contains(text, want) {
			t.Errorf("the question lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "certificate") {
		t.Errorf("the question speaks of a certificate:\n%s", text)
	}
}
