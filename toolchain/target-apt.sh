# target-apt.sh: sourced by make-sysroot.sh and build-image.sh (POSIX sh).
# shellcheck shell=sh
#
# target_apt ARCH DIR STATUS APT-GET-ARGS...: the host's apt-get working for
# another architecture with its own state, lists and downloads in DIR
# (DIR/sources.list, DIR/archives, ...), as if the dpkg status file were
# STATUS: what it downloads is what such a system lacks.  No recommends, no
# suggests, no lock (DIR is the caller's alone).
target_apt() {
    _ta_arch=$1 _ta_dir=$2 _ta_status=$3
    shift 3
    apt-get -q \
        -o APT::Architecture="$_ta_arch" -o APT::Architectures::="$_ta_arch" \
        -o Dir::State="$_ta_dir" -o Dir::State::status="$_ta_status" \
        -o Dir::Cache="$_ta_dir" -o Dir::Cache::archives="$_ta_dir/archives" \
        -o Dir::Cache::pkgcache="" -o Dir::Cache::srcpkgcache="" \
        -o Dir::Etc::SourceList="$_ta_dir/sources.list" \
        -o Dir::Etc::SourceParts="$_ta_dir/sources.list.d" \
        -o Dir::Etc::Preferences="$_ta_dir/preferences" \
        -o Dir::Etc::PreferencesParts="$_ta_dir/preferences.d" \
        -o APT::Install-Recommends=false -o APT::Install-Suggests=false \
        -o Debug::NoLocking=true \
        "$@"
}
