using System.Security;
using Microsoft.AspNetCore.Http;

namespace Cleanup.Emulator.Protocol;

/// <summary>
/// STS GetCallerIdentity over the AWS query protocol (a form POST answered in XML), the only STS call Cleanup makes:
/// the CLI asks who it is so that it never acts without knowing the account.
/// </summary>
internal sealed class StsQueryEndpoint(EmulatorOptions options, CallLog calls)
{
    public const string Operation = "GetCallerIdentity";
    private const string Namespace = "https://sts.amazonaws.com/doc/2011-06-15/";

    /// <summary>Who every signed call is made by; other services record it where AWS names the caller.</summary>
    public static string CallerArn(EmulatorOptions options) => $"arn:aws:iam::{options.AccountId}:user/emulator";

    public static bool Handles(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method) &&
        context.Request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true;

    public async Task HandleAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        var action = form["Action"].ToString();
        var (status, body, code) =
            action != Operation ? (400, Error("InvalidAction", $"Could not find operation {SecurityElement.Escape(action)} for version 2011-06-15"), "InvalidAction")
            : string.IsNullOrEmpty(context.Request.Headers.Authorization.ToString()) ? (403, Error("MissingAuthenticationToken", "Request is missing Authentication Token"), "MissingAuthenticationToken")
            : SigningRegion.IsForeign(context.Request.Headers.Authorization.ToString(), options.Region, out var signedFor)
                ? (403, Error("SignatureDoesNotMatch", SecurityElement.Escape(SigningRegion.Refusal(signedFor, options.Region))), "SignatureDoesNotMatch")
            : (200, Identity(), null);
        calls.Record(new RecordedCall(action.Length == 0 ? "(none)" : action, status, code, options.Clock.GetUtcNow()));
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/xml";
        await context.Response.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }

    private string Identity() =>
        $"""
        <GetCallerIdentityResponse xmlns="{Namespace}">
          <GetCallerIdentityResult>
            <Arn>{CallerArn(options)}</Arn>
            <UserId>AIDAEMULATOREMULATOR</UserId>
            <Account>{options.AccountId}</Account>
          </GetCallerIdentityResult>
          <ResponseMetadata><RequestId>{Guid.NewGuid()}</RequestId></ResponseMetadata>
        </GetCallerIdentityResponse>
        """;

    private static string Error(string code, string message) =>
        $"""
        <ErrorResponse xmlns="{Namespace}">
          <Error><Type>Sender</Type><Code>{code}</Code><Message>{message}</Message></Error>
          <RequestId>{Guid.NewGuid()}</RequestId>
        </ErrorResponse>
        """;
}
