# Build the Windows installer on a Windows 10/11 x64 machine (see installers/README.md):
#   powershell -ExecutionPolicy Bypass -File installers\windows\build.ps1
# Needs Python 3.11 or newer (x64) and Inno Setup 6.3 or newer (iscc.exe) installed; an internet
# connection or a local PyPI mirror for the first pip install. Output: build\windows\yikatong-setup-VERSION.exe
$ErrorActionPreference = "Stop"

function Step([string] $what, [scriptblock] $command) {
    # A native program's failure does not stop PowerShell by itself: check each exit code, so a failed
    # step never lets an older build\dist be packaged under the new version.
    Write-Host "== $what"
    & $command
    if ($LASTEXITCODE -ne 0) { throw "$what failed (exit code $LASTEXITCODE)" }
}

$root = Resolve-Path (Join-Path $PSScriptRoot "..\..")
Set-Location $root
$version = python -c "import tomllib; print(tomllib.load(open('pyproject.toml','rb'))['project']['version'])"
if ($LASTEXITCODE -ne 0) { throw "could not read the version from pyproject.toml" }
if (-not (Test-Path .venv)) { Step "venv" { python -m venv .venv } }
Step "pip" { .\.venv\Scripts\python -m pip install --upgrade pip }
Step "install" { .\.venv\Scripts\python -m pip install -e . "pyinstaller>=6.10" }
Step "translations" { .\.venv\Scripts\pyside6-lrelease resources\translations\yikatong_en.ts -qm resources\translations\yikatong_en.qm }
if (Test-Path build\dist\yikatong) { Remove-Item -Recurse -Force build\dist\yikatong }
Step "pyinstaller" { .\.venv\Scripts\pyinstaller --noconfirm --clean --distpath build\dist --workpath build\pyi installers\yikatong.spec }
Step "ykt --version" { .\build\dist\yikatong\ykt.exe --version }
$iscc = "${env:ProgramFiles(x86)}\Inno Setup 6\iscc.exe"
Step "iscc" { & $iscc "/DAppVersion=$version" installers\windows\yikatong.iss }
Write-Host "built build\windows\yikatong-setup-$version.exe"
