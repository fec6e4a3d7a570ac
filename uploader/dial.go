package uploader

import (
	"context"
	"strings"

	"exchange/transport/ftpclient"
	"exchange/transport/sftpclient"
)

// DialSession opens a session of the protocol the config names: SFTP
// (transport/sftpclient) for "sftp", else FTP or FTPS (ftpclient.Dial). It is
// the service's default Options.Dial.
func DialSession(ctx context.Context, cfg ftpclient.Config) (ftpclient.Session, error) {
	if strings.EqualFold(cfg.Protocol, "sftp") {
		s, err := sftpclient.Dial(ctx, sftpclient.FromFTP(cfg))
		if err != nil {
			return nil, err
		}
		return s, nil
	}
	return ftpclient.Dial(ctx, cfg)
}
