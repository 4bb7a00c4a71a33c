@echo off
rem The principal's one command on Windows: double-click to check the sheet and write the
rem plan, the due reports and their PDFs as commsplan.toml (in the folder above) says.
rem The first run makes the project's virtual environment .venv with commsplan installed in
rem it (Python 3.11 or newer is needed, from python.org); later runs reuse it. The same steps
rem as scripts/venv.sh on Linux.
setlocal
chcp 65001 >nul
set "ROOT=%~dp0.."
set "VENV=%ROOT%\.venv"
set "PY=%VENV%\Scripts\python.exe"
set "CONFIG=%~1"
if "%CONFIG%"=="" set "CONFIG=%ROOT%\commsplan.toml"
set STATUS=2

rem A .venv that works (Python 3.11 or newer, with pip) is reused.
"%PY%" -c "import sys, pip; sys.exit(sys.version_info < (3, 11))" >nul 2>&1
if not errorlevel 1 goto install

rem Otherwise make it with the newest Python 3 the py launcher knows, or python on PATH.
set "BASE="
py -3 -c "import sys; sys.exit(sys.version_info < (3, 11))" >nul 2>&1
if not errorlevel 1 set "BASE=py -3"
if defined BASE goto make_venv
python -c "import sys; sys.exit(sys.version_info < (3, 11))" >nul 2>&1
if not errorlevel 1 set "BASE=python"
if defined BASE goto make_venv
echo commsplan cần Python 3.11 trở lên. Hãy cài Python từ https://www.python.org/downloads/
echo (khi cài, chọn "Add python.exe to PATH") rồi chạy lại.
echo commsplan needs Python 3.11 or newer: install it from https://www.python.org/downloads/
echo and run this again.
goto end

:make_venv
if exist "%VENV%" rmdir /s /q "%VENV%"
%BASE% -m venv "%VENV%"
if errorlevel 1 goto venv_failed

:install
rem Installed once; again only when the packaging changes (the code is installed editable).
fc /b "%ROOT%\setup.cfg" "%VENV%\commsplan-setup.cfg" >nul 2>&1
if errorlevel 1 goto pip_install
fc /b "%ROOT%\pyproject.toml" "%VENV%\commsplan-pyproject.toml" >nul 2>&1
if not errorlevel 1 goto run
:pip_install
echo Cài đặt commsplan vào .venv
"%PY%" -m pip install -q --disable-pip-version-check -e "%ROOT%"
if errorlevel 1 goto install_failed
copy /y "%ROOT%\setup.cfg" "%VENV%\commsplan-setup.cfg" >nul
copy /y "%ROOT%\pyproject.toml" "%VENV%\commsplan-pyproject.toml" >nul

:run
"%PY%" -m commsplan generate --config "%CONFIG%"
set STATUS=%ERRORLEVEL%
goto end

:venv_failed
echo Không tạo được môi trường ảo .venv bằng %BASE%.
echo Could not make the virtual environment .venv with %BASE%.
goto end

:install_failed
echo Không cài được commsplan vào .venv (xem lỗi của pip ở trên).
echo Could not install commsplan into .venv (see pip's error above).
goto end

:end
pause
exit /b %STATUS%
