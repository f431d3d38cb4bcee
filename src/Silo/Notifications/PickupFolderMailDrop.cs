using MimeKit;

namespace PrintFarm.Silo.Notifications;

/// <summary>
/// Writes each email as an .eml file (what an SMTP server would have been sent), for a farm
/// without one: the demo's <c>.farm/mail/</c>. Named by its delivery, so a repeat replaces the
/// file rather than adding a second; written whole, then renamed into place.
/// </summary>
public sealed class PickupFolderMailDrop(string folder) : IMailDrop
{
    public async Task Send(MimeMessage message, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var name = string.Concat((message.MessageId ?? Guid.NewGuid().ToString("N")).Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' ? c : '_'));
        var path = Path.Combine(folder, $"{message.Date.UtcDateTime:yyyyMMdd-HHmmss}-{name}.eml");
        var temporary = path + ".part";
        await using (var file = File.Create(temporary))
            await message.WriteToAsync(file, cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }
}
