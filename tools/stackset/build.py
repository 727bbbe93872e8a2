#!/usr/bin/env python3
"""Expands template.yaml (a SAM template) into a plain CloudFormation template for CloudFormation StackSets.

    python3 tools/stackset/build.py [--template template.yaml] [--output stackset/cleanup-stackset.yaml]

Why: a StackSet with SERVICE_MANAGED permissions does not accept a template that uses macros, and the SAM transform
(AWS::Serverless-2016-10-31) is a CloudFormation-hosted macro. So the transform runs here, with aws-sam-translator
(the library CloudFormation's SAM transform is built from; cfn-lint ships it), and the StackSet gets its output:
AWS::Lambda::Function, AWS::Lambda::EventSourceMapping, AWS::Events::Rule, AWS::Lambda::EventInvokeConfig, ...
and no Transform.

What changes on the way (nothing else does):
- CodeUri (a local folder that `sam deploy` uploads) becomes an S3 location given by two new parameters,
  CodeBucket and CodeKey: the zip of the published function (see the README's Organisation-wide section). Lambda
  reads it from a bucket in the SAME region as the stack, so regions take their own CodeBucket (a per-region
  parameter override); the bucket policy must let the organisation's accounts read the object.
- The Serverless Application Repository metadata (AWS::ServerlessRepo::Application) is left out: it describes the SAM
  application for `sam publish`, and the expanded template is no such application.
- Nothing else: parameters, conditions, rules, alarms, dashboard and outputs are the SAM template's.

The translator needs a region and never calls AWS (managed-policy names are not used: the template attaches its own
policies only). Exit 0 and the path written, or 1 and the translator's errors.
"""
import argparse
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))

CODE_PARAMETERS = {
    "CodeBucket": {
        "Type": "String",
        "AllowedPattern": "^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$",
        "ConstraintDescription": "An S3 bucket name.",
        "Description": (
            "S3 bucket holding the function's zip, in the SAME region as this stack instance (Lambda reads code "
            "only from its own region): give each region its own value. Its bucket policy must allow s3:GetObject "
            "to the organisation's accounts (aws:PrincipalOrgID)."
        ),
    },
    "CodeKey": {
        "Type": "String",
        "MinLength": 1,
        "Description": (
            "Key of the function's zip in CodeBucket (the output of `dotnet publish src/Cleanup -c Release -r "
            "linux-arm64 --self-contained false`, zipped). Use a new key per version: CloudFormation updates the "
            "code only when Bucket or Key changes."
        ),
    },
}


def load(path):
    from cfnlint.decode import cfn_yaml  # understands the short forms (!Ref, !Sub, ...)

    return json.loads(json.dumps(cfn_yaml.load(path)))


def expand(template):
    if "AWS::Serverless-2016-10-31" not in json.dumps(template.get("Transform", "")):
        raise SystemExit("build.py: the template has no SAM transform; deploy it as it is")
    os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
    from samtranslator.translator.transform import transform

    location = {"Bucket": {"Ref": "CodeBucket"}, "Key": {"Ref": "CodeKey"}}
    sections = [template.get("Globals", {}).get("Function", {})] + [
        r.setdefault("Properties", {}) for r in template.get("Resources", {}).values()
        if r.get("Type") == "AWS::Serverless::Function"
    ]
    for section in sections:
        if "CodeUri" in section:
            section["CodeUri"] = location
    template.setdefault("Parameters", {}).update(CODE_PARAMETERS)
    template.get("Metadata", {}).pop("AWS::ServerlessRepo::Application", None)
    groups = (template.get("Metadata", {}).get("AWS::CloudFormation::Interface", {}).get("ParameterGroups"))
    if groups is not None:
        groups.insert(0, {"Label": {"default": "Code (StackSets)"}, "Parameters": list(CODE_PARAMETERS)})

    class NoManagedPolicies:
        def load(self):
            return {}

    expanded = transform(template, {}, NoManagedPolicies())
    expanded.pop("Transform", None)
    return expanded


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--template", default=os.path.join(REPO, "template.yaml"))
    parser.add_argument("--output", default=os.path.join(REPO, "stackset", "cleanup-stackset.yaml"))
    args = parser.parse_args(argv)

    import yaml
    from samtranslator.model.exceptions import InvalidDocumentException

    try:
        expanded = expand(load(args.template))
    except InvalidDocumentException as e:
        for cause in e.causes:
            print(f"build.py: {cause.message}", file=sys.stderr)
        return 1

    class Dumper(yaml.SafeDumper):
        pass

    # Multi-line strings (the policy documents, the event pattern, the dashboard) stay readable as block scalars.
    def text(dumper, value):
        style = "|" if "\n" in value else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    Dumper.add_representer(str, text)
    os.makedirs(os.path.dirname(os.path.abspath(args.output)), exist_ok=True)
    with open(args.output, "w", encoding="utf-8") as out:
        out.write("# GENERATED by tools/stackset/build.py from template.yaml - do not edit; rebuild instead.\n")
        yaml.dump(expanded, out, Dumper=Dumper, sort_keys=False, width=120, default_flow_style=False)
    print(args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
