/**
 * 64-bit protobuf fields as plain JS numbers, with or without the "long" package installed (the bundle leaves it
 * out; tests have it): our int64 fields are schema versions and list indexes. Imported before the generated messages,
 * whose message prototypes read this setting when they are defined.
 */
import $protobuf from "protobufjs/minimal";

$protobuf.util.Long = null as unknown as typeof $protobuf.util.Long;
$protobuf.configure();
