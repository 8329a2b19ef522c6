#!/bin/sh
# Makes the README's screenshots (docs/screenshots/*.png) from the running app: builds the engine
# and the app, then runs ScreenshotsIT in a real window (its own Xvfb when there is no display).
set -eu
cd "$(dirname "$0")/../.."
./mvnw -q -DskipTests install
./mvnw -q -pl dispatcher-gui verify -Pscreenshots
ls -l docs/screenshots
