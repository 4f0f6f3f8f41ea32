package iamdata

import "testing"

func TestEngineCatalog(t *testing.T) {
	t.Parallel()
	e := Default().Engine()
	if known, wo := e.Action("EC2:describeinstances"); !known || !wo {
		t.Errorf("ec2:DescribeInstances: known=%v wildcardOnly=%v, want true true (RS-9)", known, wo)
	}
	if known, _ := e.Action("s3:GetObjects"); known {
		t.Errorf("s3:GetObjects reported as known (AC-4)")
	}
	if !e.ServiceKnown("s3") || e.ServiceKnown("nosuchservice") {
		t.Errorf("ServiceKnown wrong for s3 or nosuchservice")
	}
	if fits, ok := e.ResourceFits("s3:ListBucket", "arn:aws:s3:::b/k"); !ok || fits {
		t.Errorf("s3:ListBucket on an object ARN: fits=%v ok=%v, want false true (RS-10)", fits, ok)
	}
	if fits, ok := e.ResourceFits("s3:GetObject", "arn:aws:s3:::b/k"); !ok || !fits {
		t.Errorf("s3:GetObject on an object ARN: fits=%v ok=%v, want true true (RS-10)", fits, ok)
	}
	if multi, known := e.MultivaluedKey("aws:TagKeys"); !multi || !known {
		t.Errorf("aws:TagKeys: multi=%v known=%v, want true true (CO-16)", multi, known)
	}
	if multi, known := e.MultivaluedKey("aws:SourceIp"); multi || !known {
		t.Errorf("aws:SourceIp: multi=%v known=%v, want false true", multi, known)
	}
}
