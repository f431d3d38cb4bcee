namespace PrintFarm.Gateway.Security;

/// <summary>
/// Endpoint metadata: this endpoint takes a file as multipart/form-data (<see cref="JsonRequestsOnly"/>
/// lets it through). Only for endpoints whose policy takes API keys alone: a cross-site form
/// cannot send an Authorization header, so it still cannot post there in a person's name.
/// </summary>
public sealed class TakesMultipartUpload
{
    public static readonly TakesMultipartUpload Instance = new();
}
