// `nova boot` (python-novaclient novaclient/v2/shell.py::_boot, _parse_block_device_mapping_v2,
// _parse_nics; novaclient/v2/servers.py::ServerManager._boot; novaclient/base.py::_parse_block_device_mapping).
#include "models/semantics/cli_nova.hpp"
#include "tests/models/semantics/cli/cli_fixtures.hpp"

using namespace cli_test;

TEST_CASE("seed002 BFV via nova boot: _parse_block_device_mapping_v2 short keys -> exact BDM dict") {
  auto r = ok("nova boot --flavor m1.small --block-device source=image,id=" + IMG +
              ",dest=volume,size=20,shutdown=remove,bootindex=0 --nic net-id=" + NET + " my-instance");
  const auto s = r.body.at("server");
  CHECK(r.client == "nova");
  CHECK(r.microversion == "2.96");  // '2.latest' negotiated: min(novaclient API_MAX_VERSION 2.96, server)
  CHECK(s.at("imageRef") == "");
  CHECK(s.at("networks") == json::parse(R"([{"uuid":")" + NET + R"("}])"));
  // Values stay strings ("20", "0"); shutdown=remove -> true.
  CHECK(bdms(r) == json::parse(R"([{"source_type":"image","uuid":")" + IMG + R"(","destination_type":"volume",
      "volume_size":"20","delete_on_termination":true,"boot_index":"0"}])"));
}

TEST_CASE("seed002 image-backed via nova boot: ServerManager._boot sends imageRef and no BDM") {
  auto r = ok("nova boot --image " + IMG + " --flavor m1.small --nic net-id=" + NET + " my-instance");
  CHECK(r.body.at("server").at("imageRef") == IMG);
  CHECK_FALSE(r.body.at("server").contains("block_device_mapping_v2"));
}

TEST_CASE("ServerManager._boot: --image with --block-device inserts the image->local root first (bug 1433609)") {
  auto r = ok("nova boot --image img --flavor f --block-device source=blank,dest=volume,size=1 s");
  CHECK(bdms(r) == json::parse(R"([{"uuid":"img","source_type":"image","destination_type":"local","boot_index":0,
      "delete_on_termination":true},{"source_type":"blank","destination_type":"volume","volume_size":"1"}])"));
  CHECK(r.body.at("server").at("imageRef") == "img");
}

TEST_CASE("_parse_block_device_mapping_v2: defaults -- image->local(!), volume/snapshot->volume, local delete true") {
  auto r =
      ok("nova boot --flavor f --block-device source=image,id=i,bootindex=0 --block-device source=volume,id=v "
         "--block-device source=snapshot,id=sn --block-device size=1 s");
  CHECK(
      bdms(r)[0] ==
      json::parse(
          R"({"source_type":"image","uuid":"i","boot_index":"0","destination_type":"local","delete_on_termination":true})"));
  CHECK(bdms(r)[1] == json::parse(R"({"source_type":"volume","uuid":"v","destination_type":"volume"})"));
  CHECK(bdms(r)[2] == json::parse(R"({"source_type":"snapshot","uuid":"sn","destination_type":"volume"})"));
  CHECK(bdms(r)[3] ==
        json::parse(
            R"({"volume_size":"1","source_type":"blank","destination_type":"local","delete_on_termination":true})"));
}

TEST_CASE("_parse_block_device_mapping_v2: shutdown=preserve -> false; other values CommandError") {
  auto r = ok("nova boot --flavor f --block-device source=volume,id=v,bootindex=0,shutdown=preserve s");
  CHECK(bdms(r)[0].at("delete_on_termination") == false);
  bad("nova boot --flavor f --block-device source=volume,id=v,shutdown=true s", 1,
      "ERROR (CommandError): The value of shutdown key of --block-device shall be either 'remove' or 'preserve' but it "
      "was 'true'");
}

TEST_CASE("_parse_block_device_mapping_v2: source/dest value errors") {
  bad("nova boot --flavor f --block-device source=disk,id=v s", 1,
      "ERROR (CommandError): The value of source_type key of --block-device should be one of 'volume', 'image', "
      "'snapshot' or 'blank' but it was 'disk'");
  bad("nova boot --flavor f --block-device source=volume,id=v,dest=ssd s", 1,
      "ERROR (CommandError): The value of destination_type key of --block-device should be either 'local' or 'volume' "
      "but it was 'ssd'");
}

TEST_CASE("_parse_device_spec: a piece without '=' is ArgumentTypeError; 'a=b=c' is ValueError") {
  bad("nova boot --flavor f --block-device source=volume,id s", 1,
      "ERROR (ArgumentTypeError): Expected a comma-separated list of key=value pairs. 'id' is not a key=value pair.");
  bad("nova boot --flavor f --block-device id=a=b s", 1,
      "ERROR (ValueError): dictionary update sequence element #0 has length 3; 2 is required");
}

TEST_CASE("CLIENT_BDM2_KEYS: OSC long keys with nova boot are a KeyError; hint gives the short form") {
  auto r = bad("nova boot --flavor f --block-device uuid=v,source_type=volume,boot_index=0 s", 1,
               "ERROR (KeyError): 'uuid'");
  CHECK(r.hint.find("nova boot --flavor f --block-device id=v,source=volume,bootindex=0 s") != std::string::npos);
  CHECK(r.hint.find("openstack server create --flavor f --block-device uuid=v,source_type=volume,boot_index=0 s") !=
        std::string::npos);
}

TEST_CASE("_parse_block_device_mapping_v2: 'volume_type' gated at 2.67 with novaclient's message") {
  bad("nova --os-compute-api-version 2.66 boot --flavor f --block-device "
      "source=blank,dest=volume,size=1,volume_type=ssd --image i s",
      1, "ERROR (CommandError): 'volume_type' in block device mapping is not supported in API version 2.66.");
  auto r =
      ok("nova --os-compute-api-version 2.67 boot --flavor f --block-device "
         "source=blank,dest=volume,size=1,volume_type=ssd --image i s");
  CHECK(bdms(r)[1].at("volume_type") == "ssd");
  CHECK(r.microversion == "2.67");
}

TEST_CASE("_supports_block_device_tags: 'tag' ok at 2.32 and >= 2.42, refused at 2.33..2.41") {
  const std::string tail = " boot --flavor f --block-device source=volume,id=v,bootindex=0,tag=root s";
  ok("nova --os-compute-api-version 2.32" + tail);
  ok("nova --os-compute-api-version 2.42" + tail);
  bad("nova --os-compute-api-version 2.41" + tail, 1,
      "ERROR (CommandError): 'tag' in block device mapping is not supported in API version 2.41.");
}

TEST_CASE("_parse_block_device_mapping_v2: --boot-volume / --snapshot roots are boot 0, delete false (ints, bools)") {
  auto r = ok("nova boot --flavor f --boot-volume v1 s");
  CHECK(
      bdms(r) ==
      json::parse(
          R"([{"uuid":"v1","source_type":"volume","destination_type":"volume","boot_index":0,"delete_on_termination":false}])"));
  auto n = ok("nova boot --flavor f --snapshot sn1 s");
  CHECK(bdms(n)[0].at("source_type") == "snapshot");
}

TEST_CASE("_parse_block_device_mapping_v2: order boot-volume, block-device, ephemeral, swap; swap size a string") {
  auto r = ok("nova boot --flavor f --swap 512 --ephemeral size=2,format=ext4 --block-device size=1 --boot-volume v s");
  CHECK(bdms(r).size() == 4);
  CHECK(bdms(r)[0].at("uuid") == "v");
  CHECK(bdms(r)[1].at("volume_size") == "1");
  CHECK(bdms(r)[2] == json::parse(R"({"source_type":"blank","destination_type":"local","boot_index":-1,
      "delete_on_termination":true,"volume_size":"2","guest_format":"ext4"})"));
  CHECK(bdms(r)[3] == json::parse(R"({"source_type":"blank","destination_type":"local","boot_index":-1,
      "delete_on_termination":true,"guest_format":"swap","volume_size":"512"})"));
}

TEST_CASE(
    "base.py::_parse_block_device_mapping: legacy v1 entries (volume_id/snapshot_id, str(int(size)), raw delete)") {
  auto r = ok("nova boot --flavor f --block-device-mapping vda=v1:::0 --block-device-mapping vdb=s1:snap:010:true s");
  CHECK(r.body.at("server").at("block_device_mapping") == json::parse(R"([
      {"device_name":"vda","volume_id":"v1","delete_on_termination":"0"},
      {"device_name":"vdb","snapshot_id":"s1","volume_size":"10","delete_on_termination":"true"}])"));
  CHECK_FALSE(r.body.at("server").contains("block_device_mapping_v2"));
  bad("nova boot --flavor f --block-device-mapping vda=v1:volume:ten s", 1,
      "ERROR (ValueError): invalid literal for int() with base 10: 'ten'");
  bad("nova boot --flavor f --block-device-mapping vda s", 1,
      "ERROR (ValueError): not enough values to unpack (expected 2, got 1)");
}

TEST_CASE("_boot: cannot mix legacy and v2 BDMs; need exactly one boot source") {
  bad("nova boot --flavor f --block-device-mapping vda=v1 --swap 1 s", 1,
      "ERROR (CommandError): you can't mix old block devices (--block-device-mapping) with the new ones "
      "(--block-device, "
      "--boot-volume, --snapshot, --ephemeral, --swap)");
  const std::string need =
      "ERROR (CommandError): you need to specify at least one source ID (Image, Snapshot, or Volume), "
      "a block device mapping or provide a set of properties to match against an image";
  bad("nova boot --flavor f s", 1, need);
  bad("nova boot --flavor f --image i --boot-volume v s", 1, need);
}

TEST_CASE("_boot: flavor required, min/max count checks, argparse int errors") {
  bad("nova boot --image i s", 1, "ERROR (CommandError): you need to specify a Flavor ID.");
  bad("nova boot --image i --flavor f --min-count 0 s", 1, "ERROR (CommandError): min_count should be >= 1");
  bad("nova boot --image i --flavor f --max-count 0 s", 1, "ERROR (CommandError): max_count should be >= 1");
  bad("nova boot --image i --flavor f --min-count 3 --max-count 2 s", 1,
      "ERROR (CommandError): min_count should be <= max_count");
  bad("nova boot --image i --flavor f --min-count x s", 2,
      "error: argument --min-count: invalid int value: 'x'\nTry 'nova help boot' for more information.");
  auto r = ok("nova boot --image i --flavor f --min-count 3 s");
  CHECK(r.body.at("server").at("max_count") == 3);  // max follows min when not given
}

TEST_CASE("argparse: name required, unrecognized arguments, --description gated by start_version 2.19") {
  bad("nova boot --image i --flavor f", 2,
      "error: the following arguments are required: <name>\nTry 'nova help boot' for more information.");
  bad("nova --os-compute-api-version 2.18 boot --image i --flavor f --description d s", 2,
      "error: unrecognized arguments: --description s\nTry 'nova help boot' for more information.");
}

TEST_CASE("_parse_nics: net-id/port-id exclusivity, auto/none rules, default networks by version") {
  const std::string form =
      "ERROR (CommandError): Invalid nic argument 'net-id=a,port-id=b'. Nic arguments must be of the "
      "form --nic <auto,none,net-id=net-uuid,net-name=network-name,v4-fixed-ip=ip-addr,v6-fixed-ip="
      "ip-addr,port-id=port-uuid,tag=tag>, with only one of net-id, net-name or port-id specified. "
      "Specifying a --nic of auto or none cannot be used with any other --nic value.";
  bad("nova boot --image i --flavor f --nic net-id=a,port-id=b s", 1, form);
  bad("nova boot --image i --flavor f --nic auto,net-id=a s", 1,
      "ERROR (CommandError): 'auto' or 'none' cannot be used with any other nic arguments");
  bad("nova boot --image i --flavor f --nic net-id=a,v4-fixed-ip=300.1.1.1 s", 1,
      "ERROR (CommandError): Invalid ipv4 address.");
  CHECK(ok("nova boot --image i --flavor f s").body.at("server").at("networks") == "auto");
  CHECK(ok("nova --os-compute-api-version 2.36 boot --image i --flavor f s").body.at("server").at("networks") ==
        json::array());
  CHECK(ok("nova boot --image i --flavor f --nic none s").body.at("server").at("networks") == "none");
  auto r = ok("nova boot --image i --flavor f --nic net-id=a,v4-fixed-ip=10.0.0.5,tag=t s");
  CHECK(r.body.at("server").at("networks") == json::parse(R"([{"uuid":"a","fixed_ip":"10.0.0.5","tag":"t"}])"));
}

TEST_CASE("novaclient/shell.py: explicit versions outside client or server range") {
  bad("nova --os-compute-api-version 2.97 boot --image i --flavor f s", 1,
      "ERROR (CommandError): The specified version isn't supported by client. The valid version range is '2.1' to "
      "'2.96'");
  bad("nova --os-compute-api-version 2.90 boot --image i --flavor f s", 1,
      "ERROR (UnsupportedVersion): The specified version isn't supported by server. The valid version range is '2.1' "
      "to '2.88'",
      nullptr, "2.88");
  CHECK(ok("nova boot --image i --flavor f s", nullptr, "2.60").microversion == "2.60");
}

TEST_CASE("_boot with a cloud: glance find_image by name, flavor by name; misses are errors") {
  const auto cloud = small_cloud();
  auto r = ok("nova boot --image cirros --flavor m1.small s", &cloud);
  CHECK(r.body.at("server").at("imageRef") == IMG);
  CHECK(r.body.at("server").at("flavorRef") == "2");
  bad("nova boot --image nope --flavor m1.small s", 1, "ERROR (CommandError): No Image matching nope. (HTTP 404)",
      &cloud);
  bad("nova boot --image cirros --flavor m9 s", 1, "ERROR (NotFound): No Flavor matching {'ram': 'm9'}. (HTTP 404)",
      &cloud);
}

TEST_CASE("ServerManager._boot: key_name, availability_zone, security groups, metadata, --poll, hints") {
  auto r =
      ok("nova boot --image i --flavor f --key-name k --availability-zone az1 --security-groups a,b --meta x=1 "
         "--hint group=g --poll s");
  const auto s = r.body.at("server");
  CHECK(s.at("key_name") == "k");
  CHECK(s.at("availability_zone") == "az1");
  CHECK(s.at("security_groups") == json::parse(R"([{"name":"a"},{"name":"b"}])"));
  CHECK(s.at("metadata") == json::parse(R"({"x":"1"})"));
  CHECK(r.body.at("os:scheduler_hints") == json::parse(R"({"group":"g"})"));
  CHECK(r.wait);
}

TEST_CASE("delete_on_termination defaults per client (nova-bdm-rules.md section 4)") {
  // image->volume with the key omitted: both clients omit it (Nova default false).
  auto n = ok("nova boot --flavor f --block-device source=image,id=i,dest=volume,size=1,bootindex=0 s");
  CHECK_FALSE(bdms(n)[0].contains("delete_on_termination"));
  auto o =
      ok("openstack server create --flavor f --block-device uuid=i,source_type=image,volume_size=1,boot_index=0 s");
  CHECK_FALSE(bdms(o)[0].contains("delete_on_termination"));
  CHECK(bdms(o)[0].at("destination_type") == "volume");  // OSC: image defaults to volume, novaclient to local
}

TEST_CASE("parse_cli: unsupported commands") {
  auto r =
      bad("openstack server list", 2, "openstack: 'server list' is not an openstack command. See 'openstack --help'.");
  CHECK(r.client == "openstack");
  bad("cinder create 1", 127, "bfvsim: unsupported command 'cinder'");
}

// ---- the pieces of models/semantics/cli_nova.hpp, one test per upstream function ----

namespace {
using namespace bfv::sem::cli_detail;
using namespace bfv::sem::cli_detail::nova;

NovaBootArgs nova_args(const std::vector<std::string>& words, const std::string& mv = "2.96") {
  NovaBootArgs a;
  auto e = parse_args(nova_boot_parser(), words, mv, &a);
  INFO("argparse: " << (e ? e->message : std::string()));
  REQUIRE_FALSE(e);
  return a;
}
}  // namespace

TEST_CASE("shell.py::do_boot @utils.arg: the option table fills NovaBootArgs as argparse's Namespace") {
  auto a =
      nova_args({"--flavor",    "f",  "--image-with", "os=linux=x", "--hint", "group=g", "--hint",         "group=h",
                 "--min-count", "2",  "--meta",       "a=b",        "--nic",  "auto",    "--block-device", "id=v",
                 "--swap",      "64", "--poll",       "--tags",     "a,b",    "vm"});
  CHECK(a.name == "vm");
  CHECK(a.flavor == "f");
  CHECK(a.image_with == std::vector<std::pair<std::string, std::string>>{{"os", "linux=x"}});  // split at the first '='
  CHECK(a.scheduler_hints.size() == 2);
  CHECK(a.min_count == 2);
  CHECK_FALSE(a.max_count);
  CHECK(a.meta == std::vector<std::string>{"a=b"});
  CHECK(a.nics == std::vector<std::string>{"auto"});
  CHECK(a.block_device == std::vector<std::string>{"id=v"});
  CHECK(a.swap == "64");  // no type=: a string
  CHECK(a.poll);
  CHECK(a.tags == "a,b");
  NovaBootArgs old;
  auto e = parse_args(nova_boot_parser(), {"--tags", "a", "vm"}, "2.51", &old);  // start_version='2.52'
  REQUIRE(e);
  CHECK(e->message == "unrecognized arguments: --tags vm");  // "a" fills <name> first
}

TEST_CASE("shell.py::_find_image: id, else the first image of that name; without a cloud the value is the id") {
  auto cloud = small_cloud();
  bfv::sem::Image dup;
  dup.id = "other", dup.name = "cirros";
  cloud.images.push_back(dup);
  std::string id;
  CHECK_FALSE(find_image(&cloud, "cirros", &id));
  CHECK(id == IMG);
  CHECK_FALSE(find_image(&cloud, "other", &id));
  CHECK(id == "other");
  CHECK_FALSE(find_image(nullptr, "anything", &id));
  CHECK(id == "anything");
  auto f = find_image(&cloud, "nope", &id);
  REQUIRE(f);
  CHECK(f->code == 1);
  CHECK(f->msg == "ERROR (CommandError): No Image matching nope. (HTTP 404)");
}

TEST_CASE("shell.py::_match_image: the first image holding every --image-with pair") {
  auto cloud = small_cloud();
  cloud.images[0].properties = {{"os", "linux"}, {"arch", "x86_64"}};
  std::string id;
  CHECK_FALSE(match_image(&cloud, {{"os", "linux"}, {"arch", "x86_64"}}, &id));
  CHECK(id == IMG);
  const std::string none = "ERROR (CommandError): No images match the property expected by --image-with";
  CHECK(match_image(&cloud, {{"os", "linux"}, {"arch", "arm"}}, &id)->msg == none);
  CHECK(match_image(nullptr, {{"os", "linux"}}, &id)->msg == none);  // nothing to list
}

TEST_CASE("shell.py::_find_flavor: id or name; a miss is cs.flavors.find(ram=...)'s NotFound") {
  const auto cloud = small_cloud();
  std::string id;
  CHECK_FALSE(find_flavor(&cloud, "m1.small", &id));
  CHECK(id == "2");
  CHECK(find_flavor(&cloud, "m9", &id)->msg == "ERROR (NotFound): No Flavor matching {'ram': 'm9'}. (HTTP 404)");
}

TEST_CASE("shell.py::_meta_parsing: key=value pairs; one without '=' names the whole list") {
  nlohmann::json meta;
  CHECK_FALSE(meta_parsing({"a=1", "b=x=y", "a=2"}, &meta));
  CHECK(meta == json::parse(R"({"a":"2","b":"x=y"})"));
  CHECK(meta_parsing({"a=1", "b"}, &meta)->msg ==
        "ERROR (ArgumentTypeError): '['a=1', 'b']' is not in the format of 'key=value'");
}

TEST_CASE("shell.py::_parse_device_spec: dict.update keeps the first place of a key and its last value") {
  std::vector<std::pair<std::string, std::string>> kv;
  CHECK_FALSE(parse_device_spec("size=1,format=ext4,size=2", &kv));
  CHECK(kv == std::vector<std::pair<std::string, std::string>>{{"size", "2"}, {"format", "ext4"}});
  std::vector<std::pair<std::string, std::string>> bad_kv;
  CHECK(parse_device_spec("size=1,,", &bad_kv)->msg ==
        "ERROR (ArgumentTypeError): Expected a comma-separated list of key=value pairs. '' is not a key=value pair.");
}

TEST_CASE("shell.py::_parse_block_device_mapping_v2: NovaBootArgs -> the v2 list; a KeyError names the spec") {
  auto a = nova_args({"--flavor", "f", "--snapshot", "sn", "--block-device", "source=volume,id=v,bootindex=1",
                      "--ephemeral", "size=2", "--swap", "8", "vm"});
  nlohmann::json bdm;
  REQUIRE_FALSE(parse_block_device_mapping_v2(a, "2.96", &bdm));
  CHECK(bdm == json::parse(R"([
      {"uuid":"sn","source_type":"snapshot","destination_type":"volume","boot_index":0,"delete_on_termination":false},
      {"source_type":"volume","uuid":"v","boot_index":"1","destination_type":"volume"},
      {"source_type":"blank","destination_type":"local","boot_index":-1,"delete_on_termination":true,"volume_size":"2"},
      {"source_type":"blank","destination_type":"local","boot_index":-1,"delete_on_termination":true,
       "guest_format":"swap","volume_size":"8"}])"));
  auto k = nova_args({"--flavor", "f", "--block-device", "uuid=v,source_type=volume", "vm"});
  auto f = parse_block_device_mapping_v2(k, "2.96", &bdm);
  REQUIRE(f);
  CHECK(f->msg == "ERROR (KeyError): 'uuid'");
  CHECK(f->block_device == "uuid=v,source_type=volume");  // parse_nova_boot turns it into the short-keys hint
}

TEST_CASE("shell.py::_parse_nics: a list of nic_info dicts, 'auto'/'none', or the default by microversion") {
  nlohmann::json nics;
  REQUIRE_FALSE(parse_nics({"net-name=n,v4-fixed-ip=10.0.0.1", "port-id=p"}, "2.96", &nics));
  CHECK(nics == json::parse(R"([{"net-id":"n","v4-fixed-ip":"10.0.0.1"},{"port-id":"p"}])"));
  REQUIRE_FALSE(parse_nics({"none"}, "2.96", &nics));
  CHECK(nics == "none");
  REQUIRE_FALSE(parse_nics({}, "2.37", &nics));
  CHECK(nics == "auto");
  REQUIRE_FALSE(parse_nics({}, "2.36", &nics));
  CHECK(nics == json::array());
  CHECK(parse_nics({"net-id=a", "auto"}, "2.96", &nics)
            ->msg.rfind("ERROR (CommandError): Invalid nic argument 'auto'.", 0) == 0);
  CHECK(parse_nics({"auto"}, "2.36", &nics)->msg.find("--nic <net-id=net-uuid,") !=
        std::string::npos);  // no auto below 2.37
}

TEST_CASE("servers.py::ServerManager._boot: kwargs -> body; legacy v1 beats v2; networks; v4 and v6 refused together") {
  NovaBootKwargs k;
  k.name = "vm", k.image = "img", k.flavor = "1";
  k.block_device_mapping_v2 = json::parse(R"([{"source_type":"blank","destination_type":"local","volume_size":"1"}])");
  k.nics = json::parse(R"([{"net-id":"n","v6-fixed-ip":"::1","tag":""}])");
  k.scheduler_hints = {{"g", "1"}, {"g", "2"}};
  k.security_groups = std::vector<std::string>{""};
  nlohmann::json body;
  REQUIRE_FALSE(boot_body(k, &body));
  CHECK(body == json::parse(R"({"server":{"name":"vm","imageRef":"img","flavorRef":"1","min_count":1,"max_count":1,
      "security_groups":[{"name":""}],
      "block_device_mapping_v2":[{"uuid":"img","source_type":"image","destination_type":"local","boot_index":0,
                                  "delete_on_termination":true},
                                 {"source_type":"blank","destination_type":"local","volume_size":"1"}],
      "networks":[{"uuid":"n","fixed_ip":"::1"}]},
      "os:scheduler_hints":{"g":["1","2"]}})"));
  k.block_device_mapping = {{"vda", "v:snapshot:5"}};  // base.py::_parse_block_device_mapping; v2 then not sent
  REQUIRE_FALSE(boot_body(k, &body));
  CHECK(body.at("server").at("block_device_mapping") ==
        json::parse(R"([{"device_name":"vda","snapshot_id":"v","volume_size":"5"}])"));
  CHECK_FALSE(body.at("server").contains("block_device_mapping_v2"));
  k.nics = json::parse(R"([{"net-id":"n","v4-fixed-ip":"10.0.0.1","v6-fixed-ip":"::1"}])");
  CHECK(boot_body(k, &body)->msg ==
        "ERROR (CommandError): Only one of 'v4-fixed-ip' and 'v6-fixed-ip' may be provided.");
}
