using PrintFarm.Gateway.Api;

namespace PrintFarm.Gateway.Security;

/// <summary>
/// Every request that changes something under /api either carries JSON or carries no body at
/// all. A cross-site HTML form can post to any address with a form or text/plain body and no
/// preflight; here it gets 415 before any endpoint runs, whether the endpoint reads a body, reads
/// an optional one (the cancel endpoints) or reads none (post-processing done). A bodyless POST,
/// as curl -X POST sends it, still works. An upload endpoint (<see cref="TakesMultipartUpload"/>,
/// keys only) takes multipart/form-data as well.
/// </summary>
public sealed class JsonRequestsOnly(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method))
            return next(context);
        var hasBody = request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0;
        var acceptable = request.ContentType is null ? !hasBody : JsonBody.IsJson(request.ContentType);
        if (acceptable) return next(context);
        if (context.GetEndpoint()?.Metadata.GetMetadata<TakesMultipartUpload>() is not null
            && request.ContentType!.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            return next(context);
        if (context.GetEndpoint()?.Metadata.GetMetadata<TakesFormPost>() is not null
            && (request.ContentType!.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase)
                || request.ContentType.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase)))
            return next(context);
        return JsonBody.NotJson().ExecuteAsync(context);
    }
}
