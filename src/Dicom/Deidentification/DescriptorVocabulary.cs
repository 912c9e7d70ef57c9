namespace MedicalImaging.Dicom;

/// <summary>
/// Words a study, series or protocol description is made of: modalities, anatomy, planes, sequences, contrast,
/// technique and common qualifiers. Deliberately closed and short: a word missing here costs a description (it is
/// removed), a name that slipped in would cost a patient's privacy.
/// </summary>
internal static class DescriptorVocabulary
{
    /// <summary>Case-insensitive.</summary>
    public static readonly HashSet<string> Terms = new(StringComparer.OrdinalIgnoreCase)
    {
        // modalities and techniques
        "CT", "MR", "MRI", "MRA", "MRV", "CTA", "CTV", "PET", "SPECT", "NM", "US", "XR", "CR", "DX", "DR", "MG", "XA",
        "RF", "OT", "SC", "PT", "RT", "DEXA", "DXA", "MAMMO", "MAMMOGRAPHY", "TOMO", "TOMOSYNTHESIS", "FLUORO", "FLUOROSCOPY",
        "ANGIO", "ANGIOGRAPHY", "ULTRASOUND", "DOPPLER", "ECHO", "SONO", "XRAY", "X", "RAY", "RADIOGRAPH", "SCOUT",
        "TOPOGRAM", "LOCALIZER", "LOCALISER", "SURVIEW", "SCANOGRAM", "PERFUSION", "DIFFUSION", "DWI", "DTI", "ADC",
        "SWI", "FLAIR", "STIR", "TSE", "FSE", "SE", "GRE", "EPI", "MPRAGE", "SPGR", "FIESTA", "TRUFI", "SSFP", "HASTE",
        "VIBE", "DIXON", "SPACE", "CUBE", "TOF", "PC", "BOLD", "FAT", "SAT", "FS", "WATER", "IN", "OPP", "OUT", "PHASE",
        "T1", "T2", "PD", "T1W", "T2W", "PDW", "WI", "MIP", "MPR", "MINIP", "VR", "RECON", "RECONSTRUCTION", "REFORMAT",
        "REFORMATS", "HELICAL", "SPIRAL", "AXIAL", "SAGITTAL", "CORONAL", "OBLIQUE", "AX", "SAG", "COR", "OBL", "TRA",
        "TRANSVERSE", "3D", "2D", "4D", "DYNAMIC", "STATIC", "GATED", "CARDIAC", "CINE", "LOW", "HIGH", "DOSE", "LDCT",
        "HRCT", "RESOLUTION", "THIN", "THICK", "SLICE", "SLICES", "SOFT", "TISSUE", "BONE", "LUNG", "WINDOW", "KERNEL",
        "SHARP", "SMOOTH", "STANDARD", "DETAIL", "ROUTINE", "PROTOCOL", "SERIES", "STUDY", "EXAM", "SCAN", "IMAGE",
        "IMAGES", "VIEW", "VIEWS", "SINGLE", "MULTI", "MULTIPLE", "PHASE", "ARTERIAL", "VENOUS", "PORTAL", "DELAYED",
        "DELAY", "EARLY", "LATE", "PRE", "POST", "NON", "WITH", "WITHOUT", "W", "WO", "O", "AND", "OR", "OF", "THE",
        "TO", "FOR", "ON", "AT", "BY", "NO", "CONTRAST", "IV", "ORAL", "ENHANCED", "UNENHANCED", "PLAIN", "NATIVE",
        "GADOLINIUM", "GAD", "GD", "IODINE", "BOLUS", "TRACKING", "TEST", "FDG", "PSMA", "SESTAMIBI", "TC99M",
        "SUBTRACTION", "SUB", "PERFUSION", "SCREENING", "DIAGNOSTIC", "FOLLOW", "UP", "FU", "BASELINE", "STAGING",
        "BIOPSY", "GUIDED", "GUIDANCE", "DRAINAGE", "INJECTION", "ABLATION", "LIMITED", "COMPLETE", "PARTIAL", "SURVEY",
        "PORTABLE", "UPRIGHT", "SUPINE", "PRONE", "DECUBITUS", "ERECT", "STANDING", "WEIGHT", "BEARING", "INSPIRATION",
        "EXPIRATION", "BREATH", "HOLD", "FREE", "BREATHING", "AP", "PA", "LAT", "LATERAL", "FRONTAL", "LL", "RL", "CC",
        "MLO", "ML", "XCCL", "SPOT", "MAG", "MAGNIFICATION", "TANGENTIAL", "DERIVED", "PRIMARY", "SECONDARY", "ORIGINAL",
        "SUMMARY", "REPORT", "KEY", "DOSE", "INFO", "PRESENTATION", "STATE",
        // anatomy
        "HEAD", "BRAIN", "NECK", "FACE", "FACIAL", "ORBIT", "ORBITS", "SINUS", "SINUSES", "IAC", "TEMPORAL", "PITUITARY",
        "SELLA", "SKULL", "CRANIAL", "CERVICAL", "THORACIC", "LUMBAR", "SACRAL", "SACRUM", "COCCYX", "SPINE", "SPINAL",
        "CORD", "C", "L", "R", "T", "S", "CHEST", "THORAX", "THORACIC", "LUNGS", "PULMONARY", "PE", "HEART", "CORONARY",
        "AORTA", "AORTIC", "ARCH", "ABDOMEN", "ABDOMINAL", "ABD", "PELVIS", "PELVIC", "PEL", "LIVER", "HEPATIC",
        "PANCREAS", "PANCREATIC", "KIDNEY", "KIDNEYS", "RENAL", "ADRENAL", "ADRENALS", "BLADDER", "URINARY", "UROGRAM",
        "PROSTATE", "UTERUS", "OVARY", "OVARIES", "BOWEL", "COLON", "COLONOGRAPHY", "ENTEROGRAPHY", "GI", "GALLBLADDER",
        "BILIARY", "MRCP", "SPLEEN", "BREAST", "BREASTS", "AXILLA", "SHOULDER", "ARM", "HUMERUS", "ELBOW", "FOREARM",
        "WRIST", "HAND", "FINGER", "FINGERS", "THUMB", "HIP", "HIPS", "FEMUR", "THIGH", "KNEE", "KNEES", "LEG", "TIBIA",
        "FIBULA", "ANKLE", "FOOT", "FEET", "TOE", "TOES", "HEEL", "CALCANEUS", "EXTREMITY", "UPPER", "LOWER", "JOINT",
        "JOINTS", "CAROTID", "CAROTIDS", "VERTEBRAL", "CIRCLE", "WILLIS", "VESSELS", "VASCULAR", "ARTERY", "ARTERIES",
        "VEIN", "VEINS", "RUNOFF", "THYROID", "PAROTID", "SOFT", "TISSUES", "WHOLE", "BODY", "TRUNK", "SKELETON",
        "SKELETAL", "MSK", "NEURO", "IAM", "TMJ", "DENTAL", "MANDIBLE", "MAXILLA", "RIB", "RIBS", "STERNUM", "CLAVICLE",
        "SCAPULA", "MEDIASTINUM", "HILAR", "LYMPH", "NODES", "SCROTUM", "TESTES", "TESTICULAR", "FETAL", "OB",
        "OBSTETRIC", "GYN", "TRANSVAGINAL", "TRANSABDOMINAL", "RENAL", "HEPATOBILIARY",
        // sides and positions
        "LEFT", "RIGHT", "BILATERAL", "BILAT", "LT", "RT", "BOTH", "MID", "MIDDLE", "PROXIMAL", "DISTAL", "ANTERIOR",
        "POSTERIOR", "SUPERIOR", "INFERIOR", "MEDIAL", "AREA", "REGION", "LEVEL", "LEVELS", "FULL", "TOTAL",
        // common qualifiers
        "NORMAL", "ABNORMAL", "ACUTE", "CHRONIC", "TRAUMA", "STROKE", "CODE", "MASS", "TUMOR", "TUMOUR", "CANCER",
        "FRACTURE", "PAIN", "INFECTION", "STONE", "STONES", "LESION", "NODULE", "EMBOLISM", "ANEURYSM", "BLEED",
        "HEMORRHAGE", "HAEMORRHAGE", "OBSTRUCTION", "APPENDICITIS", "PNEUMONIA", "EFFUSION", "MS", "ROUTINE", "STAT",
        "URGENT", "QC", "PHANTOM", "CALIBRATION", "TEST", "SAMPLE", "DEMO", "RESEARCH", "CLINICAL", "TRIAL", "MM",
    };
}
