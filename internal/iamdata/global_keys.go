package iamdata

// globalConditionKeys are the keys available in every request context,
// whatever the action: the AWS global condition keys (IAM User Guide,
// "AWS global condition context keys") plus the few service-issued keys AWS
// attaches to sessions of EC2, Glue, Lambda, SSM and IAM Identity Center
// credentials. The service reference data does not list them all, so the
// list lives here. Templated keys use ${TagKey}.
//
// aws:EpochTime is documented as "Date, Numeric": Type is Date and AltType
// Numeric.
var globalConditionKeys = []ConditionKey{
	// Principal.
	{Name: "aws:PrincipalArn", Type: "ARN"},
	{Name: "aws:PrincipalAccount", Type: "String"},
	{Name: "aws:PrincipalOrgPaths", Type: "ArrayOfString"},
	{Name: "aws:PrincipalOrgID", Type: "String"},
	{Name: "aws:PrincipalTag/${TagKey}", Type: "String"},
	{Name: "aws:PrincipalIsAWSService", Type: "Bool"},
	{Name: "aws:PrincipalServiceName", Type: "String"},
	{Name: "aws:PrincipalServiceNamesList", Type: "ArrayOfString"},
	{Name: "aws:PrincipalType", Type: "String"},
	{Name: "aws:userid", Type: "String"},
	{Name: "aws:username", Type: "String"},

	// Role session.
	{Name: "aws:AssumedRoot", Type: "Bool"},
	{Name: "aws:FederatedProvider", Type: "String"},
	{Name: "aws:TokenIssueTime", Type: "Date"},
	{Name: "aws:MultiFactorAuthAge", Type: "Numeric"},
	{Name: "aws:MultiFactorAuthPresent", Type: "Bool"},
	{Name: "aws:ChatbotSourceArn", Type: "ARN"},
	{Name: "aws:Ec2InstanceSourceVpc", Type: "String"},
	{Name: "aws:Ec2InstanceSourcePrivateIPv4", Type: "IPAddress"},
	{Name: "aws:SourceIdentity", Type: "String"},
	{Name: "ec2:RoleDelivery", Type: "Numeric"},
	{Name: "ec2:SourceInstanceArn", Type: "ARN"},
	{Name: "glue:RoleAssumedBy", Type: "String"},
	{Name: "glue:CredentialIssuingService", Type: "String"},
	{Name: "lambda:SourceFunctionArn", Type: "ARN"},
	{Name: "ssm:SourceInstanceArn", Type: "ARN"},
	{Name: "identitystore:UserId", Type: "String"},

	// Network.
	{Name: "aws:SourceIp", Type: "IPAddress"},
	{Name: "aws:SourceVpc", Type: "String"},
	{Name: "aws:SourceVpcArn", Type: "ARN"},
	{Name: "aws:SourceVpce", Type: "String"},
	{Name: "aws:VpceAccount", Type: "String"},
	{Name: "aws:VpceOrgPaths", Type: "ArrayOfString"},
	{Name: "aws:VpceOrgID", Type: "String"},
	{Name: "aws:VpcSourceIp", Type: "IPAddress"},

	// Resource.
	{Name: "aws:ResourceAccount", Type: "String"},
	{Name: "aws:ResourceOrgID", Type: "String"},
	{Name: "aws:ResourceOrgPaths", Type: "ArrayOfString"},
	{Name: "aws:ResourceTag/${TagKey}", Type: "String"},

	// Request.
	{Name: "aws:CalledVia", Type: "ArrayOfString"},
	{Name: "aws:CalledViaFirst", Type: "String"},
	{Name: "aws:CalledViaLast", Type: "String"},
	{Name: "aws:CalledViaAWSMCP", Type: "String"},
	{Name: "aws:ViaAWSService", Type: "Bool"},
	{Name: "aws:ViaAWSMCPService", Type: "Bool"},
	{Name: "aws:IsMcpServiceAction", Type: "Bool"},
	{Name: "aws:CurrentTime", Type: "Date"},
	{Name: "aws:EpochTime", Type: "Date", AltType: "Numeric"},
	{Name: "aws:referer", Type: "String"},
	{Name: "aws:RequestedRegion", Type: "String"},
	{Name: "aws:RequestTag/${TagKey}", Type: "String"},
	{Name: "aws:TagKeys", Type: "ArrayOfString"},
	{Name: "aws:SecureTransport", Type: "Bool"},
	{Name: "aws:SourceArn", Type: "ARN"},
	{Name: "aws:SourceAccount", Type: "String"},
	{Name: "aws:SourceOwner", Type: "String"},
	{Name: "aws:SourceOrgPaths", Type: "ArrayOfString"},
	{Name: "aws:SourceOrgID", Type: "String"},
	{Name: "aws:UserAgent", Type: "String"},
}

// multivaluedKeys are multivalued whatever their declared type (CO-16).
var multivaluedKeys = map[string]bool{
	"aws:tagkeys":                   true,
	"aws:calledvia":                 true,
	"aws:principalorgpaths":         true,
	"aws:resourceorgpaths":          true,
	"aws:sourceorgpaths":            true,
	"aws:vpceorgpaths":              true,
	"aws:principalservicenameslist": true,
}

// GlobalConditionKeys returns the keys available for every action, sorted
// as AWS groups them (principal, session, network, resource, request).
func GlobalConditionKeys() []ConditionKey {
	out := make([]ConditionKey, len(globalConditionKeys))
	copy(out, globalConditionKeys)
	return out
}
