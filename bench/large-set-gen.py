#!/usr/bin/env python3
"""Writes the three 100,000-value condition cases of BENCHMARKS.md ("Conditions with 100,000 values") as
planscan eval input, one file each, into the directory given (default /tmp):
se1.jsonl StringEquals aws:PrincipalTag/team over 100,000 values, one request value (allowed);
se2.jsonl ForAllValues:StringLike aws:TagKeys over 100,000 globs, 1,000 request values (allowed);
se3.jsonl ForAnyValue:StringEquals aws:TagKeys over 100,000 values, 10,000 request values (implicitDeny).
Time with: /usr/bin/time -f '%e s %U user %M KB' bin/planscan eval DIR/se1.jsonl"""
import json
import sys

out = sys.argv[1] if len(sys.argv) > 1 else "/tmp"
vals = ["value-%06d" % i for i in range(100000)]


def line(i, op, key, policy_values, request_values):
    pol = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",
                                                   "Condition": {op: {key: policy_values}}}]}
    req = {"principal": "arn:aws:iam::111122223333:user/alice", "action": "s3:GetObject",
           "resource": "arn:aws:s3:::b/k", "context": {key: request_values}}
    return json.dumps({"id": i, "identityPolicies": [pol], "request": req}) + "\n"


with open(out + "/se1.jsonl", "w") as f:
    f.write(line(1, "StringEquals", "aws:PrincipalTag/team", vals, "value-099999"))
with open(out + "/se2.jsonl", "w") as f:
    f.write(line(2, "ForAllValues:StringLike", "aws:TagKeys", [v + "*" for v in vals],
                 ["value-%06d" % i for i in range(0, 100000, 100)]))
with open(out + "/se3.jsonl", "w") as f:
    f.write(line(3, "ForAnyValue:StringEquals", "aws:TagKeys", vals, ["other-%06d" % i for i in range(10000)]))
