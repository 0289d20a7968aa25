"""The Terraform providers' schemas, read from the prebuilt CDK for Terraform bindings on npm.

No Terraform binary (and so no `terraform providers schema -json`) can be installed here. The
bindings `@cdktf/provider-aws` and `@cdktf/provider-archive` are generated from that very schema
JSON, one directory per resource or data source under `lib/`:

- `index.js`: the class with `tfResourceType = "aws_x"`, whose `synthesizeHclAttributes()` lists
  every argument and nested block by its Terraform name (`isBlock`), and whose getters read every
  attribute a reference may name (`getStringAttribute('execution_arn')`, ...);
- `index.d.ts`: the `...Config` interface with one property per argument or block, each documented
  with a link whose anchor is the Terraform name (`...docs/resources/api_gateway_method#authorization`),
  optional (`?`) unless the schema requires it; nested blocks have an interface of their own.

`fetch_schemas.sh` downloads the tarballs with `npm pack` (nothing is installed: the AWS package
unpacks to about 390 MB, of which a handful of files are read here, straight from the tarball).
"""

from __future__ import annotations

import base64
import hashlib
import re
import tarfile
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCHEMAS_DIR = HERE / "schemas"

# The tarballs fetch_schemas.sh downloads, with the integrity npm's registry lists for them and
# the provider version their README names.
AWS_V5 = ("cdktf-provider-aws-19.0.0.tgz", "hashicorp/aws", "5.31.0")
AWS_V6 = ("cdktf-provider-aws-21.22.1.tgz", "hashicorp/aws", "6.25.0")
ARCHIVE = ("cdktf-provider-archive-11.0.1.tgz", "hashicorp/archive", "2.7.1")
INTEGRITY = {
    "cdktf-provider-aws-19.0.0.tgz": "sha512-6z+rweCWMHgxbGC2a8wpUM4uHzPowbhOPZHQl3pPF7fHnDhJkhoFwSLZyC4XDTjpeX92222ens91DmQHB5+xLg==",
    "cdktf-provider-aws-21.22.1.tgz": "sha512-BuSHeaQFUL9l33pBzIMRT7cTQ69AM2mLtijjteCPhVQRmvuhuj9Lvfymf7knAMhYqAT6+Lrls9jiGVW/Us3zrQ==",
    "cdktf-provider-archive-11.0.1.tgz": "sha512-2Plwhj1hVUOYmQrxNbBvy2nrw/gyHZKnQFauPCwjhQX+MpRImF7cceKgX8zZgBPvB5YEP75MIFPbr4sjxDWeHw==",
}

# Terraform's meta-arguments and meta-blocks: valid on every resource, in no provider schema.
META_ARGUMENTS = {"depends_on", "count", "for_each", "provider", "lifecycle"}


@dataclass
class Block:
    """The arguments and nested blocks of a resource, a data source or a nested block."""

    arguments: dict[str, bool] = field(default_factory=dict)  # name -> required
    blocks: dict[str, tuple[bool, "Block"]] = field(default_factory=dict)  # name -> (required, block)


@dataclass
class Schema:
    """One resource or data source type."""

    kind: str  # "resource" or "data"
    name: str  # aws_api_gateway_method
    body: Block
    attributes: set[str]  # every name a reference may read (arguments and computed attributes)


def integrity(path: Path) -> str:
    digest = hashlib.sha512(path.read_bytes()).digest()
    return "sha512-" + base64.b64encode(digest).decode()


def directory(kind: str, type_name: str, provider: str) -> str:
    """The bindings' directory of a type: `aws_api_gateway_method` -> `api-gateway-method`,
    data `aws_partition` -> `data-aws-partition`, data `archive_file` -> `data-archive-file`."""
    if kind == "data":
        return "data-" + type_name.replace("_", "-")
    prefix = provider.split("/")[1] + "_"
    return type_name.removeprefix(prefix).replace("_", "-")


def read_package(tarball: str, provider: str, version: str, types: set[tuple[str, str]]) -> dict:
    """The schemas of `types` ((kind, name) pairs) from one tarball, in one pass over it."""
    path = SCHEMAS_DIR / tarball
    assert path.is_file(), f"run conformance/terraform/fetch_schemas.sh first ({path})"
    assert integrity(path) == INTEGRITY[tarball], f"{path} is not the package npm lists"
    wanted = {directory(kind, name, provider): (kind, name) for kind, name in types}
    files: dict[str, dict[str, str]] = {d: {} for d in wanted}
    readme = ""
    with tarfile.open(path, "r:gz") as archive:
        for member in archive:
            parts = member.name.split("/")
            if member.name == "package/README.md":
                readme = archive.extractfile(member).read().decode()
            elif len(parts) >= 4 and parts[1] == "lib" and parts[2] in wanted and member.isfile():
                files[parts[2]]["/".join(parts[3:])] = archive.extractfile(member).read().decode()
    # The README's first line names the provider version the bindings were generated from.
    assert f"bindings for {provider} provider version {version}" in readme.strip().splitlines()[0], readme[:200]
    schemas = {}
    for folder, (kind, name) in wanted.items():
        if "index.js" not in files[folder]:
            schemas[(kind, name)] = None  # no such type in this version
            continue
        schemas[(kind, name)] = parse_type(kind, name, files[folder])
    return schemas


CLASS = re.compile(r"^class (\w+) extends cdktf\.(TerraformResource|TerraformDataSource) \{", re.M)
HCL_ATTRIBUTE = re.compile(r"^\s+(\w+): \{\s*\n\s*value: [^\n]*\n\s*isBlock: (true|false),", re.M)
READ_ATTRIBUTE = re.compile(r"(?:Attribute|interpolationForAttribute)\('(\w+)'\)")
DOCUMENTED_PROPERTY = re.compile(
    r"\{@link https://registry\.terraform\.io/\S+#(\w+) \S+\}.*?\*/\s*readonly (\w+)(\?)?: ([^;\n]+)",
    re.S,
)


def parse_type(kind: str, name: str, files: dict[str, str]) -> Schema:
    js = files["index.js"]
    declarations = "\n".join(text for path, text in files.items() if path.endswith(".d.ts"))
    (match,) = [m for m in CLASS.finditer(js) if f"{m.group(1)}.tfResourceType = \"{name}\"" in js]
    class_name = match.group(1)
    class_body = js[match.start() : js.index(f"{class_name}.tfResourceType")]
    synthesized = class_body[class_body.index("synthesizeHclAttributes()") :]
    is_block = {n: b == "true" for n, b in HCL_ATTRIBUTE.findall(synthesized)}
    body = parse_interface(declarations, f"{class_name}Config", is_block)
    attributes = set(READ_ATTRIBUTE.findall(class_body)) | set(body.arguments) | set(body.blocks)
    return Schema(kind, name, body, attributes)


def interface_text(declarations: str, interface: str) -> str:
    start = re.search(rf"export interface {interface}( extends [\w.]+)? \{{", declarations)
    assert start, interface
    end = declarations.index("\n}", start.end())
    return declarations[start.end() : end]


def parse_interface(declarations: str, interface: str, is_block: dict[str, bool] | None = None) -> Block:
    """An interface's properties: arguments (required unless `?`) and nested blocks (a property
    whose type is another interface of the bindings)."""
    block = Block()
    text = interface_text(declarations, interface)
    for name, _camel, optional, type_text in DOCUMENTED_PROPERTY.findall(text):
        nested = re.match(r"(\w+)(\[\])? \| cdktf\.IResolvable$|(\w+)$", type_text.strip())
        nested_name = nested and (nested.group(1) or nested.group(3))
        nested_is_interface = nested_name and re.search(rf"export interface {nested_name}\b", declarations)
        if (is_block or {}).get(name, bool(nested_is_interface)) and nested_is_interface:
            block.blocks[name] = (not optional, parse_interface(declarations, nested_name))
        else:
            block.arguments[name] = not optional
    return block


_CACHE: dict = {}


def schemas(package: tuple[str, str, str], types: set[tuple[str, str]]) -> dict:
    """The schemas of `types` in one package (cached per package and types)."""
    key = (package, frozenset(types))
    if key not in _CACHE:
        _CACHE[key] = read_package(*package, types)
    return _CACHE[key]
