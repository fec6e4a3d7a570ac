package ftpclient

// TEMPORARY during parallel development: replaced by passive.go and active.go.
// Remove the function that your file defines.

import (
	"context"
	"errors"
)

func dialActive(ctx context.Context, cfg Config) (Session, error) {
	return nil, errors.New("active mode not implemented yet")
}
