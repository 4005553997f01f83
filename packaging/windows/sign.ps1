<#
.SYNOPSIS
  Sign files with signtool, using the code-signing certificate from the environment.

.DESCRIPTION
  Used twice by the release workflow, and only when WINDOWS_CERTIFICATE is configured:
    - on the built executables:  sign.ps1 dist\Parallax\Parallax.exe dist\Parallax\parallax-cli.exe
    - by Inno Setup, as its SignTool, on the setup program and its uninstaller
      (iscc /DSign '/Sparallaxsign=powershell.exe -NoProfile -ExecutionPolicy Bypass -File $q<path>\sign.ps1$q $f')

  Environment:
    WINDOWS_CERTIFICATE           base64 of the .pfx (certificate with its private key)
    WINDOWS_CERTIFICATE_PASSWORD  the .pfx's password
    WINDOWS_TIMESTAMP_URL         optional RFC 3161 time-stamp server (default: DigiCert's)
#>
param([Parameter(Mandatory = $true, ValueFromRemainingArguments = $true)][string[]] $Files)

$ErrorActionPreference = 'Stop'

if (-not $env:WINDOWS_CERTIFICATE) {
    throw 'sign.ps1: WINDOWS_CERTIFICATE is not set; nothing can be signed.'
}

# signtool.exe ships with the Windows SDK; take the newest x64 one.
$signtool = Get-Command signtool.exe -ErrorAction SilentlyContinue | Select-Object -ExpandProperty Source
if (-not $signtool) {
    $signtool = Get-ChildItem "${env:ProgramFiles(x86)}\Windows Kits\10\bin\*\x64\signtool.exe" -ErrorAction SilentlyContinue |
        Sort-Object FullName -Descending | Select-Object -First 1 -ExpandProperty FullName
}
if (-not $signtool) {
    throw 'sign.ps1: signtool.exe not found (install the Windows SDK).'
}

$timestamp = if ($env:WINDOWS_TIMESTAMP_URL) { $env:WINDOWS_TIMESTAMP_URL } else { 'http://timestamp.digicert.com' }
$tempDir = if ($env:RUNNER_TEMP) { $env:RUNNER_TEMP } else { [System.IO.Path]::GetTempPath() }
$pfx = Join-Path $tempDir ("parallax-sign-" + [guid]::NewGuid().ToString() + ".pfx")
[System.IO.File]::WriteAllBytes($pfx, [System.Convert]::FromBase64String($env:WINDOWS_CERTIFICATE))
try {
    foreach ($file in $Files) {
        & $signtool sign /fd SHA256 /td SHA256 /tr $timestamp /f $pfx /p $env:WINDOWS_CERTIFICATE_PASSWORD /d 'Parallax' $file
        if ($LASTEXITCODE -ne 0) { throw "sign.ps1: signtool failed on $file" }
        & $signtool verify /pa $file
        if ($LASTEXITCODE -ne 0) { throw "sign.ps1: the signature on $file does not verify" }
    }
}
finally {
    Remove-Item -Force -ErrorAction SilentlyContinue $pfx
}
