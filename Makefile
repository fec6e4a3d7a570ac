# Exchange: the two commands a newcomer needs are `make run` and `make test`.
SHELL := /bin/bash
export PATH := /usr/local/go/bin:$(HOME)/go/bin:$(PATH)
GO ?= go
PKGS := ./...

.PHONY: run test deps-build deps-test deps-bench check unit smoke bench build package-linux package-windows clean

## run: build and start the window, with the built-in local FTP server as the default target
run: deps-build
	$(GO) run ./cmd/exchange-gui $(ARGS)

## test: everything CI runs: format, vet, staticcheck, race tests with the real FTP servers, GUI smoke test
test: deps-test check unit smoke

deps-build:
	@bash scripts/install-deps.sh build
deps-test:
	@bash scripts/install-deps.sh test
deps-bench:
	@bash scripts/install-deps.sh bench

## check: gofmt, go vet and staticcheck
check:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt would change:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet $(PKGS)
	$(GO) tool staticcheck $(PKGS)

## unit: go test -race over every package, the FTP server integration tests included
unit:
	$(GO) test -race -timeout 30m $(PKGS)

## smoke: a real window under Xvfb, a real drag-and-drop, the tray through D-Bus, screenshots
smoke:
	bash scripts/smoke-gui.sh $${SMOKE_OUT:-$(CURDIR)/.cache/smoke}

## bench: the benchmark scripts, with the figures and ratios they print
bench: deps-bench
	@for s in bench/*.sh; do echo "== $$s"; bash "$$s" || exit 1; done

build:
	$(GO) build -trimpath -o bin/ ./cmd/...

clean:
	rm -rf bin dist .cache
