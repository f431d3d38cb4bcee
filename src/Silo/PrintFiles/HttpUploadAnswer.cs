using System.Net;

namespace PrintFarm.Silo.PrintFiles;

/// <summary>What an OctoPrint or Moonraker answer to an upload means, in words for the printer's link status.</summary>
public static class HttpUploadAnswer
{
    /// <summary>Throws <see cref="Printers.Files.PrintFileRefusedException"/> unless <paramref name="status"/> is a success.</summary>
    public static void Check(HttpStatusCode status, string dialect)
    {
        var code = (int)status;
        if (code is >= 200 and < 300) return;
        var (problem, transient) = code switch
        {
            403 when dialect == "Moonraker" => ("Moonraker will not overwrite the file it has loaded (403)", false),
            401 or 403 => ($"{dialect} did not accept the API key ({code})", false),
            404 => ($"no {dialect} file API at the registered url (404)", false),
            409 => ($"{dialect} is busy with that file or its storage (409)", false),
            413 => ($"the file is larger than {dialect} accepts (413)", false),
            415 => ($"{dialect} would not take the file as G-code (415)", false),
            422 => ($"{dialect} received other bytes than were sent: the checksum did not match (422)", true),
            429 or >= 500 => ($"{dialect} answered {code}", true),
            _ => ($"{dialect} refused the upload ({code})", false),
        };
        throw new Printers.Files.PrintFileRefusedException(problem, transient);
    }
}
