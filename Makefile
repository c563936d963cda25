# The two commands of the README, and the build they share.
#   make run    installs what is missing, builds, creates ./data with the demo county if empty,
#               prints the URL and the first login, serves.
#   make test   installs what is missing, builds, runs every test; ends with the ctest summary
#               and a line "N passed, N failed".
#   make build  builds the server (build/tuanjian) and the web app (web/dist); starts nothing.
#   make bench  statistics at national scale against SQL on the same data, and the load over
#               HTTP (bench/scale.sh; SCALE=0.1 by default, data kept under /var/tmp between
#               runs; docs/performance.md). Long: the first run loads ~7.5 M members twice.

SHELL := /bin/bash
JOBS ?= $(shell nproc)
DATA ?= ./data
DB ?= sqlite:$(DATA)/tuanjian.db

.PHONY: build run test bootstrap server web clean release bench

bootstrap:
	@scripts/bootstrap

server:
	@cmake --preset dev > /dev/null
	@cmake --build build -j $(JOBS)

web:
	@if [ -f web/package.json ]; then cd web && npm run build --silent; fi

build: bootstrap server web

run: build
	@if [ ! -e "$(DATA)/tuanjian.db" ]; then \
	  build/tuanjian demo --db "$(DB)" --data "$(DATA)"; \
	elif [ -f "$(DATA)/first-login.txt" ]; then \
	  echo "first login (until the password is changed):"; sed 's/^/  /' "$(DATA)/first-login.txt"; \
	fi
	@echo "open http://127.0.0.1:8080/ in a browser"
	build/tuanjian serve --db "$(DB)" --data "$(DATA)" --web-root web/dist

test: build
	@scripts/run-tests

bench: bootstrap
	@bench/scale.sh --scale $(or $(SCALE),0.1) $(BENCH_ARGS)

release: bootstrap
	@cmake --preset release > /dev/null
	@cmake --build build-release -j $(JOBS)

clean:
	rm -rf build build-release build-asan web/dist
