#!/usr/bin/env python3
"""Renders the IAM policies of a CloudFormation/SAM template as CloudFormation would for one parameter set.

    python3 render.py TEMPLATE [Name=Value ...]  ->  JSON on stdout:
    {"roles": {"<LogicalId>": {"arn": ..., "policies": [{"name": ..., "policy": {...}}], "external": [arn, ...]}},
     "managedPolicies": {"<LogicalId>": {"arn": ..., "policy": {...}}},
     "trustPolicies": {"<RoleLogicalId>": {...}}, "resources": {"<LogicalId>": {"arn": ..., "ref": ...}}}

    python3 render.py --stack TEMPLATE [Name=Value ...]  ->  what a deploy with those parameters would contain:
    {"resources": {"<LogicalId>": "<Type>", ...}, "alarmActions": {"<AlarmLogicalId>": [arn, ...]},
     "outputs": {"<Name>": "<value>"}}   (TemplateNotificationTests: who is notified, which outputs exist)
    A pseudo parameter can be given too (AWS::Partition=aws-cn AWS::Region=cn-north-1).

SAM templates go through aws-sam-translator first (the same transform CloudFormation runs; cfn-lint ships it), then a
small resolver evaluates the intrinsics that occur in policies: Ref, Fn::Sub, Fn::GetAtt, Fn::If, Fn::Join, Fn::Split,
Fn::Select, the Conditions section, and AWS::NoValue. Physical names are made up the way CloudFormation makes them
(<stack>-<LogicalId>) for a fixed account, region and partition; a resource ARN that the policies use is therefore
predictable for the simulation. A role's policies are its inline ones, the stack's managed policies it lists in
ManagedPolicyArns, and those that name it in their own Roles property. Resources whose Condition is false are left
out. Anything else is an error: a policy this resolver cannot render must fail the check, not pass it silently.
"""
import json
import os
import re
import sys

ACCOUNT = "123456789012"
REGION = "us-east-1"
PARTITION = "aws"
STACK = "stack"


class RenderError(Exception):
    pass


_NO_VALUE = object()


def load(path):
    from cfnlint.decode import cfn_yaml  # cfn-lint's loader understands the short forms (!Ref, !Sub, ...)

    return json.loads(json.dumps(cfn_yaml.load(path)))


def sam_transform(template, parameters):
    if "AWS::Serverless-2016-10-31" not in json.dumps(template.get("Transform", "")):
        return template
    os.environ.setdefault("AWS_DEFAULT_REGION", REGION)
    from samtranslator.translator.transform import transform

    # The translator insists on S3 code locations; the code does not matter for IAM (cfn-lint does the same).
    for section in (template.get("Globals", {}).get("Function", {}),
                    *[r.get("Properties", {}) for r in template.get("Resources", {}).values()
                      if r.get("Type") == "AWS::Serverless::Function"]):
        if "CodeUri" in section:
            section["CodeUri"] = "s3://bucket/key"

    class NoManagedPolicies:
        def load(self):
            return {}

    return transform(template, parameters, NoManagedPolicies())


class Resolver:
    def __init__(self, template, overrides):
        self.t = template
        self.resources = template.get("Resources", {})
        pseudo = {k: v for k, v in overrides.items() if k.startswith("AWS::")}
        overrides = {k: v for k, v in overrides.items() if k not in pseudo}
        self.params = {}
        for name, spec in template.get("Parameters", {}).items():
            if name in overrides:
                value = overrides[name]
            elif "Default" in spec:
                value = spec["Default"]
            else:
                raise RenderError(f"parameter {name} has no default and no value was given")
            self.params[name] = str(value) if not isinstance(value, list) else value
        unknown = set(overrides) - set(self.params)
        if unknown:
            raise RenderError(f"unknown parameters: {', '.join(sorted(unknown))}")
        self.pseudo = {
            "AWS::AccountId": ACCOUNT,
            "AWS::Region": REGION,
            "AWS::Partition": PARTITION,
            "AWS::StackName": STACK,
            "AWS::URLSuffix": "amazonaws.com",
            **pseudo,
        }
        self.conditions = {}

    # ------------------------------------------------------------------ conditions
    def condition(self, name):
        if name not in self.conditions:
            spec = self.t.get("Conditions", {}).get(name)
            if spec is None:
                raise RenderError(f"unknown condition {name}")
            self.conditions[name] = bool(self.cond_expr(spec))
        return self.conditions[name]

    def cond_expr(self, e):
        if isinstance(e, dict) and len(e) == 1:
            (k, v), = e.items()
            if k == "Fn::Equals":
                a, b = (self.value(x) for x in v)
                return str(a) == str(b)
            if k == "Fn::Not":
                return not self.cond_expr(v[0])
            if k == "Fn::And":
                return all(self.cond_expr(x) for x in v)
            if k == "Fn::Or":
                return any(self.cond_expr(x) for x in v)
            if k == "Condition":
                return self.condition(v)
        raise RenderError(f"unsupported condition expression {json.dumps(e)}")

    def included(self, logical):
        c = self.resources[logical].get("Condition")
        return c is None or self.condition(c)

    # ------------------------------------------------------------------ names
    def props(self, logical):
        return self.resources[logical].get("Properties", {})

    def physical_name(self, logical, prop=None):
        if prop and prop in self.props(logical):
            return self.value(self.props(logical)[prop])
        return f"{STACK}-{logical}"

    def ref(self, name):
        if name in self.params:
            return self.params[name]
        if name in self.pseudo:
            return self.pseudo[name]
        if name == "AWS::NoValue":
            return _NO_VALUE
        if name not in self.resources:
            raise RenderError(f"Ref to unknown {name}")
        kind = self.resources[name]["Type"]
        p, r, a = self.pseudo["AWS::Partition"], self.pseudo["AWS::Region"], self.pseudo["AWS::AccountId"]
        if kind == "AWS::IAM::ManagedPolicy":
            return f"arn:{p}:iam::{a}:policy/{self.physical_name(name, 'ManagedPolicyName')}"
        if kind == "AWS::IAM::Role":
            return self.physical_name(name, "RoleName")
        if kind == "AWS::SQS::Queue":
            return f"https://sqs.{r}.amazonaws.com/{a}/{self.physical_name(name, 'QueueName')}"
        if kind == "AWS::Logs::LogGroup":
            return self.physical_name(name, "LogGroupName")
        if kind == "AWS::SSM::Parameter":
            return self.physical_name(name, "Name")
        if kind == "AWS::SNS::Topic":
            return f"arn:{p}:sns:{r}:{a}:{self.physical_name(name, 'TopicName')}"
        if kind == "AWS::CloudWatch::Dashboard":
            return self.physical_name(name, "DashboardName")
        return self.physical_name(name)

    def get_att(self, name, attr):
        if name not in self.resources:
            raise RenderError(f"GetAtt of unknown {name}")
        kind = self.resources[name]["Type"]
        p, r, a = self.pseudo["AWS::Partition"], self.pseudo["AWS::Region"], self.pseudo["AWS::AccountId"]
        table = {
            ("AWS::SQS::Queue", "Arn"): lambda: f"arn:{p}:sqs:{r}:{a}:{self.physical_name(name, 'QueueName')}",
            ("AWS::SQS::Queue", "QueueName"): lambda: self.physical_name(name, "QueueName"),
            # A log group's Arn attribute ends in ":*" (it covers the group's streams).
            ("AWS::Logs::LogGroup", "Arn"): lambda: f"arn:{p}:logs:{r}:{a}:log-group:{self.ref(name)}:*",
            ("AWS::IAM::Role", "Arn"): lambda: f"arn:{p}:iam::{a}:role/{self.ref(name)}",
            ("AWS::Events::Rule", "Arn"): lambda: f"arn:{p}:events:{r}:{a}:rule/{self.physical_name(name, 'Name')}",
            ("AWS::Lambda::Function", "Arn"): lambda: f"arn:{p}:lambda:{r}:{a}:function:{self.physical_name(name, 'FunctionName')}",
            # Not a CloudFormation attribute: what IAM calls the parameter ("parameter" + its name, which starts
            # with '/'), so the simulation can name it.
            ("AWS::SSM::Parameter", "Arn"): lambda: f"arn:{p}:ssm:{r}:{a}:parameter{self.ref(name)}",
        }
        if (kind, attr) not in table:
            raise RenderError(f"unsupported GetAtt {name}.{attr} ({kind})")
        return table[(kind, attr)]()

    # ------------------------------------------------------------------ values
    def sub(self, text, variables):
        def one(m):
            inner = m.group(1)
            if inner.startswith("!"):
                return "${" + inner[1:] + "}"
            if inner in variables:
                v = variables[inner]
            elif "." in inner and inner.split(".", 1)[0] in self.resources:
                v = self.get_att(*inner.split(".", 1))
            else:
                v = self.ref(inner)
            if not isinstance(v, str):
                raise RenderError(f"Fn::Sub variable {inner} is not a string")
            return v

        return re.sub(r"\$\{([^}]*)\}", one, text)

    def value(self, e):
        if isinstance(e, list):
            return [v for v in (self.value(x) for x in e) if v is not _NO_VALUE]
        if not isinstance(e, dict):
            return e
        if len(e) == 1:
            (k, v), = e.items()
            if k == "Ref":
                return self.ref(v)
            if k == "Fn::GetAtt":
                name, attr = v.split(".", 1) if isinstance(v, str) else v
                return self.get_att(name, attr)
            if k == "Fn::Sub":
                if isinstance(v, str):
                    return self.sub(v, {})
                text, variables = v
                return self.sub(text, {n: self.value(x) for n, x in variables.items()})
            if k == "Fn::If":
                name, yes, no = v
                return self.value(yes if self.condition(name) else no)
            if k == "Fn::Join":
                sep, items = v
                return sep.join(self.value(items))
            if k == "Fn::Split":
                sep, text = v
                return self.value(text).split(sep)
            if k == "Fn::Select":
                index, items = v
                return self.value(items)[int(self.value(index))]
            if k.startswith("Fn::") or k == "Condition":
                raise RenderError(f"unsupported intrinsic {k}")
        out = {}
        for k, x in e.items():
            v = self.value(x)
            if v is not _NO_VALUE:
                out[k] = v
        return out


def document(resolver, raw):
    doc = resolver.value(raw)
    if isinstance(doc, str):  # a policy written as a JSON string (under Fn::Sub)
        try:
            doc = json.loads(doc)
        except json.JSONDecodeError as e:
            raise RenderError(f"policy document is not valid JSON after substitution: {e}") from e
    return doc


def render(path, overrides):
    template = sam_transform(load(path), dict(overrides))
    r = Resolver(template, overrides)
    out = {"roles": {}, "managedPolicies": {}, "trustPolicies": {}, "resources": {}}
    for logical, res in r.resources.items():
        if not r.included(logical):
            continue
        kind = res["Type"]
        if kind == "AWS::IAM::ManagedPolicy":
            out["managedPolicies"][logical] = {"arn": r.ref(logical), "policy": document(r, r.props(logical)["PolicyDocument"])}
        if kind in ("AWS::SQS::Queue", "AWS::IAM::Role", "AWS::Logs::LogGroup", "AWS::SSM::Parameter"):
            out["resources"][logical] = {"ref": r.ref(logical), "arn": r.get_att(logical, "Arn")}
    by_arn = {v["arn"]: k for k, v in out["managedPolicies"].items()}
    for logical, res in r.resources.items():
        if res["Type"] != "AWS::IAM::Role" or not r.included(logical):
            continue
        props = r.props(logical)
        policies, external = [], []
        for p in props.get("Policies", []) or []:
            policies.append({"name": r.value(p["PolicyName"]), "policy": document(r, p["PolicyDocument"])})
        for arn in r.value(props.get("ManagedPolicyArns", [])):
            if arn in by_arn:
                policies.append({"name": by_arn[arn], "policy": out["managedPolicies"][by_arn[arn]]["policy"]})
            else:
                external.append(arn)
        # A managed policy of the stack can also attach itself (its Roles property names the role).
        for name in out["managedPolicies"]:
            if r.ref(logical) in r.value(r.props(name).get("Roles", [])) and name not in [p["name"] for p in policies]:
                policies.append({"name": name, "policy": out["managedPolicies"][name]["policy"]})
        out["roles"][logical] = {"arn": r.get_att(logical, "Arn"), "policies": policies, "external": external}
        out["trustPolicies"][logical] = document(r, props["AssumeRolePolicyDocument"])
    return out


def stack(path, overrides):
    template = sam_transform(load(path), {k: v for k, v in overrides.items() if not k.startswith("AWS::")})
    r = Resolver(template, overrides)
    included = [logical for logical in r.resources if r.included(logical)]
    outputs = {}
    for name, spec in template.get("Outputs", {}).items():
        if "Condition" not in spec or r.condition(spec["Condition"]):
            outputs[name] = r.value(spec["Value"])
    return {
        "resources": {logical: r.resources[logical]["Type"] for logical in included},
        "alarmActions": {logical: r.value(r.props(logical).get("AlarmActions", [])) for logical in included
                         if r.resources[logical]["Type"] == "AWS::CloudWatch::Alarm"},
        "outputs": outputs,
    }


def main(argv):
    view = render
    if len(argv) > 1 and argv[1] == "--stack":
        view, argv = stack, argv[:1] + argv[2:]
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    overrides = {}
    for arg in argv[2:]:
        name, sep, value = arg.partition("=")
        if not sep:
            print(f"render.py: parameter '{arg}' is not Name=Value", file=sys.stderr)
            return 2
        overrides[name] = value
    try:
        print(json.dumps(view(argv[1], overrides), indent=1, sort_keys=True))
    except RenderError as e:
        print(f"render.py: {argv[1]}: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
