namespace PrintFarm.PrinterSimulator.Files;

/// <summary>An upload the printer's API turns down, with the HTTP status it answers.</summary>
public sealed class UploadRefusedException(int statusCode, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;
}
